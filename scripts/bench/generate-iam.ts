// The synthetic IAM set: authorization details and a credential report for one account, scaled by its user count.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { iamId, seededRandom } from '../cloudtrail-events.js';
import { picker } from './generate-cloudtrail.js';
import { AS_OF, IAM_ACCOUNT, REGIONS, type Manifest } from './set.js';

/** Writes the IAM set into `dir`; paths in the result are relative to `dataDir`. */
export function generateIam(dataDir: string, dir: string, seed: number, userCount: number): Manifest['iam'] {
  const random = seededRandom(seed + 1000);
  const pick = picker(random);
  const date = (daysAgo: number): string => `${new Date(Date.parse(AS_OF) - daysAgo * 86_400_000).toISOString().slice(0, 19)}+00:00`;
  const arn = (kind: string, name: string): string => `arn:aws:iam::${IAM_ACCOUNT}:${kind}/${name}`;
  const [roleCount, policyCount, groupCount] = [Math.ceil(userCount / 5), Math.ceil(userCount / 10), 200];
  const policies = Array.from({ length: policyCount }, (_, index) => {
    const name = `team-${index % 97}-policy-${index}`;
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: [`s3:GetObject`, `s3:ListBucket`], Resource: [`arn:aws:s3:::team-${index % 97}-data`, `arn:aws:s3:::team-${index % 97}-data/*`] },
        { Sid: 'Params', Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `arn:aws:ssm:*:${IAM_ACCOUNT}:parameter/team-${index % 97}/*` },
      ],
    };
    return {
      PolicyName: name, PolicyId: iamId('ANPA', random), Arn: arn('policy', name), Path: '/', DefaultVersionId: 'v2', AttachmentCount: 1 + Math.floor(random() * 20),
      PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: date(400 + Math.floor(random() * 800)), UpdateDate: date(Math.floor(random() * 400)),
      PolicyVersionList: [
        { Document: document, VersionId: 'v2', IsDefaultVersion: true, CreateDate: date(Math.floor(random() * 400)) },
        { Document: { ...document, Statement: [document.Statement[0]] }, VersionId: 'v1', IsDefaultVersion: false, CreateDate: date(500) },
      ],
    };
  });
  const groups = Array.from({ length: groupCount }, (_, index) => ({
    GroupName: `group-${index}`, GroupId: iamId('AGPA', random), Arn: arn('group', `group-${index}`), Path: '/', CreateDate: date(1000),
    GroupPolicyList: [], AttachedManagedPolicies: index === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }],
  }));
  const approvedAdmins: string[] = [];
  const users = Array.from({ length: userCount }, (_, index) => {
    const name = `user${String(index).padStart(5, '0')}@example.com`;
    const inAdmins = index % 2500 === 0;
    if (inAdmins) approvedAdmins.push(arn('user', name));
    return {
      Path: '/', UserName: name, UserId: iamId('AIDA', random), Arn: arn('user', name), CreateDate: date(30 + Math.floor(random() * 1500)),
      GroupList: inAdmins ? ['group-0'] : [`group-${1 + Math.floor(random() * (groupCount - 1))}`],
      UserPolicyList: index % 50 === 0 ? [{ PolicyName: 'scratch', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' } })) }] : [],
      AttachedManagedPolicies: index % 10 === 0 ? [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }] : [],
      Tags: [{ Key: 'team', Value: `team-${index % 97}` }],
    };
  });
  const roles = Array.from({ length: roleCount }, (_, index) => {
    const name = `role-${index}`;
    const used = random() < 0.8;
    return {
      Path: index % 20 === 0 ? '/aws-service-role/ecs.amazonaws.com/' : '/', RoleName: name, RoleId: iamId('AROA', random), Arn: arn('role', name), CreateDate: date(100 + Math.floor(random() * 1000)),
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com']) }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }],
      Tags: [], RoleLastUsed: used ? { LastUsedDate: date(Math.floor(random() * 200)), Region: pick(REGIONS) } : {},
    };
  });
  const details = { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: false };
  const authorizationDetails = path.join(dir, 'authorization-details.json');
  writeFileSync(authorizationDetails, JSON.stringify(details, null, 4));

  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const rows = [header, `<root_account>,arn:aws:iam::${IAM_ACCOUNT}:root,2019-02-11T08:00:00+00:00,not_supported,${date(40)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`];
  const reportRows = 2 * userCount;
  for (let index = 0; index < reportRows; index++) {
    const name = `report-user${String(index).padStart(6, '0')}`;
    const console = random() < 0.7;
    const key = random() < 0.5;
    const keyCols = key ? `true,${date(Math.floor(random() * 400))},${date(Math.floor(random() * 30))},${pick(REGIONS)},${pick(['s3', 'ec2', 'sts'])}` : 'false,N/A,N/A,N/A,N/A';
    rows.push(
      [name, `arn:aws:iam::${IAM_ACCOUNT}:user/${name}`, date(100 + Math.floor(random() * 1500)), String(console), console ? (random() < 0.9 ? date(Math.floor(random() * 120)) : 'no_information') : 'N/A',
        console ? date(200) : 'N/A', 'N/A', String(random() < 0.85), keyCols, 'false,N/A,N/A,N/A,N/A', 'false,N/A,false,N/A'].join(','),
    );
  }
  const credentialReport = path.join(dir, 'credential-report.csv');
  writeFileSync(credentialReport, `${rows.join('\n')}\n`);
  return {
    users: userCount, roles: roleCount, policies: policyCount, groups: groupCount, reportRows,
    authorizationDetails: path.relative(dataDir, authorizationDetails), credentialReport: path.relative(dataDir, credentialReport), approvedAdmins,
  };
}