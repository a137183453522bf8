// The synthetic IAM set: authorization details and a credential report for one account, scaled by its user count.
import { closeSync, openSync, writeSync } from 'node:fs';
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
  const user = (index: number): unknown => {
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
  };
  const role = (index: number): unknown => {
    const name = `role-${index}`;
    const used = random() < 0.8;
    return {
      Path: index % 20 === 0 ? '/aws-service-role/ecs.amazonaws.com/' : '/', RoleName: name, RoleId: iamId('AROA', random), Arn: arn('role', name), CreateDate: date(100 + Math.floor(random() * 1000)),
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com']) }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }],
      Tags: [], RoleLastUsed: used ? { LastUsedDate: date(Math.floor(random() * 200)), Region: pick(REGIONS) } : {},
    };
  };
  // Written element by element (a million users make more text than one string may hold), exactly as
  // JSON.stringify(details, null, 4) writes it; users and roles are drawn in the order they always were.
  const authorizationDetails = path.join(dir, 'authorization-details.json');
  const details = new TextFile(authorizationDetails);
  const list = (key: string, count: number, element: (index: number) => unknown, last = false): void => {
    details.write(`    ${JSON.stringify(key)}: [`);
    for (let index = 0; index < count; index++) details.write(`${index === 0 ? '' : ','}\n        ${JSON.stringify(element(index), null, 4).replaceAll('\n', '\n        ')}`);
    details.write(`${count === 0 ? '' : '\n    '}]${last ? '' : ','}\n`);
  };
  details.write('{\n');
  list('UserDetailList', userCount, user);
  list('GroupDetailList', groups.length, (index) => groups[index]);
  list('RoleDetailList', roleCount, role);
  list('Policies', policies.length, (index) => policies[index]);
  details.write('    "IsTruncated": false\n}');
  details.close();

  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const report = new TextFile(path.join(dir, 'credential-report.csv'));
  report.write(`${header}\n<root_account>,arn:aws:iam::${IAM_ACCOUNT}:root,2019-02-11T08:00:00+00:00,not_supported,${date(40)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`);
  const reportRows = 2 * userCount;
  for (let index = 0; index < reportRows; index++) {
    const name = `report-user${String(index).padStart(6, '0')}`;
    const console = random() < 0.7;
    const key = random() < 0.5;
    const keyCols = key ? `true,${date(Math.floor(random() * 400))},${date(Math.floor(random() * 30))},${pick(REGIONS)},${pick(['s3', 'ec2', 'sts'])}` : 'false,N/A,N/A,N/A,N/A';
    const row = [name, `arn:aws:iam::${IAM_ACCOUNT}:user/${name}`, date(100 + Math.floor(random() * 1500)), String(console), console ? (random() < 0.9 ? date(Math.floor(random() * 120)) : 'no_information') : 'N/A',
      console ? date(200) : 'N/A', 'N/A', String(random() < 0.85), keyCols, 'false,N/A,N/A,N/A,N/A', 'false,N/A,false,N/A'];
    report.write(`${row.join(',')}\n`);
  }
  report.close();
  const credentialReport = path.join(dir, 'credential-report.csv');
  return {
    users: userCount, roles: roleCount, policies: policyCount, groups: groupCount, reportRows,
    authorizationDetails: path.relative(dataDir, authorizationDetails), credentialReport: path.relative(dataDir, credentialReport), approvedAdmins,
  };
}
/** A file written in pieces, a megabyte at a time. */
class TextFile {
  private readonly fd: number;
  private pending: string[] = [];
  private length = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.length += text.length;
    if (this.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.length = 0;
  }
}
