/**
 * Languages and the message catalogue for alerts and slash commands (pure; no I/O). English is the source; the Korean
 * catalogue is typed against it, so a missing or extra key is a compile error, and every template's
 * `{placeholders}` are checked at the call sites of `t`.
 */
import { isLanguage, type Language } from '../contracts/languages';
import { titleCase } from './text';

export { isLanguage, type Language, LANGUAGES } from '../contracts/languages';

/**
 * The recipient's language: an explicit setting wins; `null` (the "auto" setting) follows the
 * Discord locale, where `ko` means Korean and anything else, or no locale at all, means English.
 * Discord sends exactly `ko`; a region-tagged `ko-KR` is accepted too, and a setting that is not a
 * known language (e.g. a stale database value) counts as "auto".
 */
export function resolveLanguage(
  setting: Language | null,
  discordLocale: string | null | undefined,
): Language {
  if (isLanguage(setting)) return setting;
  const primary = (discordLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'ko' ? 'ko' : 'en';
}

const EN = {
  // Footers: the source of the alert.
  'footer.statuspage': 'VRChat Status',
  'footer.metrics': 'VRChat CloudFront metrics',
  'footer.reports': 'VRCPulse user reports',

  'title.status': 'VRChat status: {indicator}',
  'title.incident': 'New incident: {title}',
  'title.incident_update': 'Incident update: {title}',
  'title.incident_resolved': 'Resolved: {title}',
  'title.maintenance': 'Scheduled maintenance: {title}',
  'title.maintenance_started': 'Maintenance started: {title}',
  'title.maintenance_completed': 'Maintenance completed: {title}',
  'title.threshold': 'Many users report problems: {reportType}',
  'title.metric.above': '{metric} above threshold',
  'title.metric.below': '{metric} below threshold',
  'title.metric_recovered': '{metric} back to normal',

  'description.status.changed': 'Status changed: **{previous}** → **{current}**',
  'description.status.current': 'Current status: **{current}**',
  'description.incident': 'VRChat has reported an incident.',
  'description.incident_update': 'VRChat has posted an update on this incident.',
  'description.incident_resolved': 'This incident has been resolved.',
  'description.maintenance': 'VRChat has scheduled maintenance.',
  'description.maintenance_started': 'Maintenance is now in progress.',
  'description.maintenance_completed': 'Maintenance has been completed.',
  'description.threshold':
    '**{count}** users reported problems with **{reportType}** in the last {window} minutes.',
  'description.metric.above':
    'The 5-minute average of {metric} is **{value}**, above the alert threshold of {threshold}.',
  'description.metric.below':
    'The 5-minute average of {metric} is **{value}**, below the alert threshold of {threshold}.',
  'description.metric_recovered':
    '{metric} is back to normal: the 5-minute average is **{value}** (alert threshold {threshold}).',

  'field.status': 'Status',
  'field.impact': 'Impact',
  'field.started': 'Started',
  'field.resolved': 'Resolved',
  'field.changed': 'Changed',
  'field.latestUpdate': 'Latest update',
  'field.scheduled': 'Scheduled window',
  'field.components': 'Affected components',
  'field.moreComponents': 'More components',
  'field.reports': 'Reports',
  'field.threshold': 'Alert threshold',
  'field.window': 'Window',
  'field.recentReports': 'Recent reports',
  'field.currentValue': 'Current (5-min average)',
  'field.observed': 'Observed',

  'value.users': '{count} users',
  'value.users.one': '{count} user',
  'value.minutes': '{count} minutes',
  'value.minutes.one': '{count} minute',
  'value.more': '…and {count} more',
  'value.starts': 'Starts {time}',
  'value.ends': 'Ends {time}',
  'value.above': 'above {threshold}',
  'value.below': 'below {threshold}',
  'value.unknownTime': 'unknown time',
  'value.unknown': 'Unknown',

  // Overall status (summary.json status.indicator).
  'indicator.none': 'All systems operational',
  'indicator.minor': 'Minor service outage',
  'indicator.major': 'Partial system outage',
  'indicator.critical': 'Major system outage',
  'indicator.maintenance': 'Service under maintenance',

  'componentStatus.operational': 'Operational',
  'componentStatus.degraded_performance': 'Degraded performance',
  'componentStatus.partial_outage': 'Partial outage',
  'componentStatus.major_outage': 'Major outage',
  'componentStatus.under_maintenance': 'Under maintenance',
  'componentStatus.unknown': 'Unknown',

  'incidentStatus.investigating': 'Investigating',
  'incidentStatus.identified': 'Identified',
  'incidentStatus.monitoring': 'Monitoring',
  'incidentStatus.resolved': 'Resolved',
  'incidentStatus.postmortem': 'Postmortem',

  'maintenanceStatus.scheduled': 'Scheduled',
  'maintenanceStatus.in_progress': 'In progress',
  'maintenanceStatus.verifying': 'Verifying',
  'maintenanceStatus.completed': 'Completed',

  'impact.none': 'None',
  'impact.minor': 'Minor',
  'impact.major': 'Major',
  'impact.critical': 'Critical',
  'impact.maintenance': 'Maintenance',

  'reportType.login': 'Login',
  'reportType.instance': 'Joining instances',
  'reportType.api': 'API / website',
  'reportType.auth': 'Authentication',
  'reportType.download': 'Downloads',
  'reportType.other': 'Other',

  'metric.api_latency': 'API latency',
  'metric.api_errors': 'API error rate',
  'metric.extauth_steam': 'Steam auth success rate',
  'metric.extauth_oculus': 'Meta auth success rate',

  // Language names: the `/config language` choices (and how replies name a language).
  'language.en': 'English',
  'language.ko': 'Korean (한국어)',
  'language.auto': 'Auto (follow your Discord language)',

  // Global settings that `/admin config` changes, by bot_config key.
  'setting.polling.status': 'Status poll interval (seconds)',
  'setting.polling.incident': 'Incident poll interval (seconds)',
  'setting.polling.maintenance': 'Maintenance poll interval (seconds)',
  'setting.polling.metrics': 'Metrics poll interval (seconds)',
  'setting.report_threshold': 'Reports of one type that trigger an alert',
  'setting.report_interval': 'Report counting window (minutes)',
  'setting.alert.metrics.enabled': 'Metric alerts on or off (true / false)',
  'setting.alert.metrics.api_latency': 'API latency alert threshold (ms)',
  'setting.alert.metrics.api_errors': 'API error rate alert threshold (0-1)',
  'setting.alert.metrics.extauth_steam': 'Steam auth success alert threshold (0-1)',
  'setting.alert.metrics.extauth_oculus': 'Meta auth success alert threshold (0-1)',
  'setting.retention.metric_logs': 'Keep metric history (days)',
  'setting.retention.status_logs': 'Keep status history (days)',
  'setting.retention.component_logs': 'Keep component history (days)',
  'setting.retention.user_reports': 'Keep user reports (days)',
  'setting.retention.sent_alerts': 'Keep the sent-alert record (days)',
  'setting.retention.batch_size': 'Rows deleted per retention batch',

  // Bot replies. Command mentions use the English names; Korean clients show the localised ones.
  'welcome.title': 'Thanks for adding VRCPulse!',
  'welcome.description':
    "VRCPulse watches VRChat's official status page and live service metrics, and posts an alert when something goes wrong: incidents, maintenance, error spikes and waves of player reports.",
  'welcome.setup.name': 'Get started',
  'welcome.setup.value': 'A server administrator runs `/config setup` and picks the channel for alerts.',
  'welcome.dm.title': 'VRChat alerts in your DMs',
  'welcome.dm.description':
    'VRCPulse can send you VRChat alerts by DM: incidents, maintenance, error spikes and waves of player reports.',
  'welcome.dm.setup.value': 'Run `/config setup` here, in my DMs, to register.',
  'welcome.commands.name': 'Commands',
  'welcome.commands.value':
    '`/status`: VRChat right now\n`/report`: tell others what is broken\n`/config language`: English or Korean\n`/config show`: your current settings',

  'error.generic': 'Something went wrong on our side. Please try again in a moment. (Reference: `{ref}`)',
  'error.adminOnly': "Only server administrators can change VRCPulse's settings for this server.",
  'error.ownerOnly':
    '`/admin` is only for the owners of this VRCPulse bot, because its settings apply to every server. Server administrators can use `/config`.',
  'error.channelRequired': 'Pick the channel for alerts: `/config setup channel:#alerts`.',
  'error.channelType': '{channel} is not a text or announcement channel.',
  'error.channelPermissions':
    'I cannot post in {channel}: I need {permissions} there. Give my role those permissions, or pick another channel.',
  'error.botNotInGuild':
    'VRCPulse is not a member of this server, so it cannot post alerts here. Invite it to the server first, or run `/config setup` in my DMs to get alerts yourself.',
  'error.detailsTooLong': 'Your details are {count} characters long; at most {max} are allowed.',
  'error.invalidOption': 'That option is not valid: {reason}',
  'error.setting.unknown': 'There is no setting called `{key}`.',
  'error.setting.integer': '`{key}` takes a whole number from {min} to {max}.',
  'error.setting.number': '`{key}` takes a number from {min} to {max}.',
  'error.setting.ratio': '`{key}` takes a ratio from 0 to 1, or a percentage (for example 0.05 or 5%).',
  'error.setting.boolean': '`{key}` takes true or false.',
  'error.notRegistered.guild':
    'This server is not registered for alerts yet. An administrator can run `/config setup`.',
  'error.notRegistered.user': 'You are not registered for DM alerts yet. Run `/config setup` in my DMs.',
  'error.cooldown': 'You reported a problem a moment ago. You can report again {time}.',
  'error.buttonsExpired': 'These buttons have expired. Run `/config unregister` again.',
  'error.notYourButtons': 'Only the person who ran this command can use these buttons.',
  'error.unknownCommand': 'This command is not available any more.',

  'permission.ViewChannel': 'View Channel',
  'permission.SendMessages': 'Send Messages',
  'permission.EmbedLinks': 'Embed Links',

  'reply.report.accepted': 'Thanks! Your **{type}** report is in.',
  'reply.report.others': '{count} other people reported the same problem in the last {window} minutes.',
  'reply.report.others.one': '1 other person reported the same problem in the last {window} minutes.',
  'reply.report.others.none': 'Nobody else has reported this in the last {window} minutes.',

  'reply.setup.created.guild': 'Done! VRChat alerts will be posted in {channel}.',
  'reply.setup.moved.guild': 'Alerts moved from {previous} to {channel}.',
  'reply.setup.reenabled.guild': 'Welcome back! Alerts are on again, in {channel}.',
  'reply.setup.unchanged.guild': 'Alerts already go to {channel}. Nothing changed.',
  'reply.setup.created.user': 'Done! You will get VRChat alerts in your DMs.',
  'reply.setup.reenabled.user': 'Welcome back! Your DM alerts are on again.',
  'reply.setup.unchanged.user': 'You already get DM alerts. Nothing changed.',

  'reply.show.title.guild': 'VRCPulse in this server',
  'reply.show.title.user': 'Your VRCPulse DM alerts',
  'reply.show.disabled':
    'Alerts are off. Your previous settings are below; `/config setup` turns alerts on again.',
  'field.alerts': 'Alerts',
  'field.channel': 'Channel',
  'field.language': 'Language',
  'value.alertsOn': 'On',
  'value.alertsOff': 'Off',
  'value.dm': 'Your DMs',
  'value.noChannel': 'None',
  'value.languageAuto': 'Auto (now {language})',

  'reply.unregister.confirm.guild':
    'Stop VRChat alerts in {channel}? Your settings are kept, and `/config setup` turns alerts on again.',
  'reply.unregister.confirm.user':
    'Stop VRChat alerts in your DMs? Your settings are kept, and `/config setup` turns alerts on again.',
  'button.confirmUnregister': 'Stop alerts',
  'button.cancel': 'Keep alerts',
  'reply.unregister.done.guild': 'Alerts are off for this server. `/config setup` turns them on again.',
  'reply.unregister.done.user': 'Your DM alerts are off. `/config setup` turns them on again.',
  'reply.unregister.cancelled': 'Nothing changed: alerts stay on.',

  'reply.language.set': 'Replies and alerts will be in {language}.',
  'reply.language.auto': 'Replies and alerts will follow the Discord language (now {language}).',

  'reply.admin.show.title': 'Global settings',
  'reply.admin.show.description':
    'These apply to every server and user. Change one with `/admin config set`, or go back with `/admin config reset`.',
  'value.default': 'default',
  'reply.admin.set': '`{key}`: `{previous}` → `{value}`. It takes effect now.',
  'reply.admin.reset': 'Back to the defaults:\n{changes}',
  'reply.admin.reset.none': 'Nothing to reset: every setting already has its default value.',

  'status.title': 'VRChat status',
  'status.noData': 'No status data yet: VRCPulse has not heard from the status page. Try again in a minute.',
  'status.stale.since': '⚠️ {source}: no fresh data since {time}, so what you see may be out of date.',
  'status.stale.never': '⚠️ {source}: no data received yet.',
  'source.status': 'VRChat status page',
  'source.incident': 'VRChat incidents',
  'source.maintenance': 'VRChat maintenances',
  'source.metrics': 'CloudFront metrics',
  'field.onlineUsers': 'Online users (12 h)',
  'value.onlineUsers': 'avg {avg} · peak {peak}',
  'field.apiErrors': 'API error rate',
  'field.steamAuth': 'Steam auth success',
  'field.metaAuth': 'Meta auth success',
  'field.otherComponents': 'Other services',
  'value.noData': 'No data',
  'value.last5min': '{value} (last 5 min)',

  // Slash commands. `*.name` in English is the name Discord sends back in interactions, so it is
  // also what the handlers route on; names follow Discord's naming rules (lowercase, no spaces,
  // at most 32 characters) in every language, descriptions have 1-100 characters.
  'command.status.name': 'status',
  'command.status.description': "VRChat's current status: services, online users, error and login rates",
  'command.report.name': 'report',
  'command.report.description': 'Report a problem you are having with VRChat',
  'command.report.type.name': 'type',
  'command.report.type.description': 'What kind of problem',
  'command.report.details.name': 'details',
  'command.report.details.description': 'What happened (optional, at most {max} characters)',
  'command.config.name': 'config',
  'command.config.description': 'VRChat alerts for this server or for your DMs',
  'command.config.setup.name': 'setup',
  'command.config.setup.description': 'Receive alerts: in a channel of this server, or in your DMs',
  'command.config.setup.channel.name': 'channel',
  'command.config.setup.channel.description': 'Channel for the alerts (required in a server)',
  'command.config.show.name': 'show',
  'command.config.show.description': 'Show where alerts go and in which language',
  'command.config.unregister.name': 'unregister',
  'command.config.unregister.description': 'Stop receiving alerts (asks you to confirm)',
  'command.config.language.name': 'language',
  'command.config.language.description': 'Language of replies and alerts',
  'command.config.language.language.name': 'language',
  'command.config.language.language.description': 'English, Korean, or auto (your Discord language)',
  'command.admin.name': 'admin',
  'command.admin.description': 'Bot owner tools (only for the owners of VRCPulse)',
  'command.admin.config.name': 'config',
  'command.admin.config.description': 'Global settings, shared by every server and user',
  'command.admin.config.show.name': 'show',
  'command.admin.config.show.description': 'Show every global setting and its value',
  'command.admin.config.set.name': 'set',
  'command.admin.config.set.description': 'Change one global setting (takes effect at once)',
  'command.admin.config.set.key.name': 'key',
  'command.admin.config.set.key.description': 'The setting to change',
  'command.admin.config.set.value.name': 'value',
  'command.admin.config.set.value.description': 'New value; poll intervals take {min}-{max} seconds',
  'command.admin.config.reset.name': 'reset',
  'command.admin.config.reset.description': 'Put global settings back to their defaults',
  'command.admin.config.reset.key.name': 'key',
  'command.admin.config.reset.key.description': 'The setting to reset (every setting when left out)',
} as const;

export type MessageKey = keyof typeof EN;
export type Catalogue = Readonly<Record<MessageKey, string>>;

const KO: Catalogue = {
  'footer.statuspage': 'VRChat 공식 상태 페이지',
  'footer.metrics': 'VRChat CloudFront 지표',
  'footer.reports': 'VRCPulse 유저 제보',

  'title.status': 'VRChat 상태: {indicator}',
  'title.incident': '장애 발생: {title}',
  'title.incident_update': '장애 업데이트: {title}',
  'title.incident_resolved': '장애 해결: {title}',
  'title.maintenance': '점검 예정: {title}',
  'title.maintenance_started': '점검 시작: {title}',
  'title.maintenance_completed': '점검 완료: {title}',
  'title.threshold': '유저 제보 급증: {reportType}',
  'title.metric.above': '{metric} 기준치 초과',
  'title.metric.below': '{metric} 기준치 미달',
  'title.metric_recovered': '{metric} 정상 회복',

  'description.status.changed': '상태 변경: **{previous}** → **{current}**',
  'description.status.current': '현재 상태: **{current}**',
  'description.incident': 'VRChat에서 장애를 공지했습니다.',
  'description.incident_update': '장애 관련 새 소식이 올라왔습니다.',
  'description.incident_resolved': '장애가 해결되었습니다.',
  'description.maintenance': 'VRChat 서버 점검이 예정되어 있습니다.',
  'description.maintenance_started': '서버 점검이 시작되었습니다.',
  'description.maintenance_completed': '서버 점검이 끝났습니다.',
  'description.threshold': '최근 {window}분 동안 유저 **{count}명**이 **{reportType}** 문제를 제보했습니다.',
  'description.metric.above': '최근 5분 평균 {metric}: **{value}** (알림 기준 {threshold} 초과)',
  'description.metric.below': '최근 5분 평균 {metric}: **{value}** (알림 기준 {threshold} 미만)',
  'description.metric_recovered':
    '{metric} 수치가 정상으로 돌아왔습니다. 최근 5분 평균: **{value}** (알림 기준 {threshold})',

  'field.status': '상태',
  'field.impact': '영향도',
  'field.started': '발생 시각',
  'field.resolved': '해결 시각',
  'field.changed': '변경 시각',
  'field.latestUpdate': '최근 업데이트',
  'field.scheduled': '점검 일정',
  'field.components': '영향받는 서비스',
  'field.moreComponents': '그 밖의 서비스',
  'field.reports': '제보 수',
  'field.threshold': '알림 기준',
  'field.window': '집계 기간',
  'field.recentReports': '최근 제보 시각',
  'field.currentValue': '현재 값 (5분 평균)',
  'field.observed': '측정 시각',

  'value.users': '{count}명',
  'value.users.one': '{count}명',
  'value.minutes': '{count}분',
  'value.minutes.one': '{count}분',
  'value.more': '…외 {count}개',
  'value.starts': '시작: {time}',
  'value.ends': '종료: {time}',
  'value.above': '{threshold} 초과',
  'value.below': '{threshold} 미만',
  'value.unknownTime': '시각 정보 없음',
  'value.unknown': '알 수 없음',

  'indicator.none': '모든 시스템 정상',
  'indicator.minor': '일부 서비스 장애',
  'indicator.major': '부분 시스템 장애',
  'indicator.critical': '대규모 시스템 장애',
  'indicator.maintenance': '서비스 점검 중',

  'componentStatus.operational': '정상',
  'componentStatus.degraded_performance': '성능 저하',
  'componentStatus.partial_outage': '부분 장애',
  'componentStatus.major_outage': '대규모 장애',
  'componentStatus.under_maintenance': '점검 중',
  'componentStatus.unknown': '알 수 없음',

  'incidentStatus.investigating': '원인 조사 중',
  'incidentStatus.identified': '원인 파악',
  'incidentStatus.monitoring': '모니터링 중',
  'incidentStatus.resolved': '해결됨',
  'incidentStatus.postmortem': '사후 분석',

  'maintenanceStatus.scheduled': '예정',
  'maintenanceStatus.in_progress': '진행 중',
  'maintenanceStatus.verifying': '마무리 확인 중',
  'maintenanceStatus.completed': '완료',

  'impact.none': '없음',
  'impact.minor': '경미',
  'impact.major': '중대',
  'impact.critical': '심각',
  'impact.maintenance': '점검',

  'reportType.login': '로그인',
  'reportType.instance': '인스턴스 입장',
  'reportType.api': 'API·웹사이트',
  'reportType.auth': '계정 인증',
  'reportType.download': '다운로드',
  'reportType.other': '기타',

  'metric.api_latency': 'API 응답 시간',
  'metric.api_errors': 'API 오류율',
  'metric.extauth_steam': 'Steam 인증 성공률',
  'metric.extauth_oculus': 'Meta 인증 성공률',

  'language.en': '영어 (English)',
  'language.ko': '한국어',
  'language.auto': '자동 (Discord 언어 설정을 따름)',

  'setting.polling.status': '상태 조회 간격 (초)',
  'setting.polling.incident': '장애 조회 간격 (초)',
  'setting.polling.maintenance': '점검 조회 간격 (초)',
  'setting.polling.metrics': '지표 조회 간격 (초)',
  'setting.report_threshold': '알림을 보내는 같은 유형의 제보 수',
  'setting.report_interval': '제보 집계 기간 (분)',
  'setting.alert.metrics.enabled': '지표 알림 켜기·끄기 (true / false)',
  'setting.alert.metrics.api_latency': 'API 응답 시간 알림 기준 (ms)',
  'setting.alert.metrics.api_errors': 'API 오류율 알림 기준 (0~1)',
  'setting.alert.metrics.extauth_steam': 'Steam 인증 성공률 알림 기준 (0~1)',
  'setting.alert.metrics.extauth_oculus': 'Meta 인증 성공률 알림 기준 (0~1)',
  'setting.retention.metric_logs': '지표 기록 보관 기간 (일)',
  'setting.retention.status_logs': '상태 기록 보관 기간 (일)',
  'setting.retention.component_logs': '서비스별 상태 기록 보관 기간 (일)',
  'setting.retention.user_reports': '유저 제보 보관 기간 (일)',
  'setting.retention.sent_alerts': '알림 발송 기록 보관 기간 (일)',
  'setting.retention.batch_size': '보관 기간 정리 시 한 번에 지우는 행 수',

  'welcome.title': 'VRCPulse를 추가해 주셔서 감사합니다!',
  'welcome.description':
    'VRCPulse는 VRChat 공식 상태 페이지와 서비스 지표를 지켜보다가 장애, 점검, 오류 급증, 유저 제보 급증이 생기면 알림을 보냅니다.',
  'welcome.setup.name': '시작하기',
  'welcome.setup.value': '서버 관리자가 `/설정 등록`으로 알림을 받을 채널을 고르면 됩니다.',
  'welcome.dm.title': 'DM으로 받는 VRChat 알림',
  'welcome.dm.description':
    'VRCPulse가 VRChat 장애, 점검, 오류 급증, 유저 제보 급증 알림을 DM으로 보내 드립니다.',
  'welcome.dm.setup.value': '여기, 봇과의 DM에서 `/설정 등록`을 실행하면 등록됩니다.',
  'welcome.commands.name': '명령어',
  'welcome.commands.value':
    '`/상태`: 지금 VRChat 상태\n`/제보`: 겪고 있는 문제 알리기\n`/설정 언어`: 영어 또는 한국어\n`/설정 보기`: 현재 설정',

  'error.generic': '처리 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요. (참조 번호: `{ref}`)',
  'error.adminOnly': '이 서버의 VRCPulse 설정은 서버 관리자만 바꿀 수 있습니다.',
  'error.ownerOnly':
    '`/관리`는 모든 서버에 적용되는 설정이라 VRCPulse 봇 운영자만 쓸 수 있습니다. 서버 관리자는 `/설정`을 이용해 주세요.',
  'error.channelRequired': '알림을 받을 채널을 골라 주세요: `/설정 등록 채널:#알림`',
  'error.channelType': '{channel}은(는) 텍스트 채널이나 공지 채널이 아닙니다.',
  'error.channelPermissions':
    '{channel}에 글을 올릴 수 없습니다. 그 채널에서 {permissions} 권한이 필요합니다. 봇 역할에 권한을 주거나 다른 채널을 골라 주세요.',
  'error.botNotInGuild':
    'VRCPulse가 이 서버의 멤버가 아니라서 여기에 알림을 올릴 수 없습니다. 먼저 서버에 초대하거나, 봇과의 DM에서 `/설정 등록`으로 개인 알림을 받으세요.',
  'error.detailsTooLong': '내용이 {count}자입니다. 최대 {max}자까지 쓸 수 있습니다.',
  'error.invalidOption': '옵션 값이 올바르지 않습니다: {reason}',
  'error.setting.unknown': '`{key}`라는 설정은 없습니다.',
  'error.setting.integer': '`{key}`에는 {min}~{max} 사이의 정수를 넣어 주세요.',
  'error.setting.number': '`{key}`에는 {min}~{max} 사이의 숫자를 넣어 주세요.',
  'error.setting.ratio': '`{key}`에는 0~1 사이의 비율이나 백분율을 넣어 주세요 (예: 0.05 또는 5%).',
  'error.setting.boolean': '`{key}`에는 true 또는 false를 넣어 주세요.',
  'error.notRegistered.guild':
    '이 서버는 아직 알림을 받도록 등록되지 않았습니다. 관리자가 `/설정 등록`을 실행하면 됩니다.',
  'error.notRegistered.user':
    '아직 DM 알림을 받도록 등록하지 않았습니다. 봇과의 DM에서 `/설정 등록`을 실행해 주세요.',
  'error.cooldown': '방금 제보하셨습니다. {time}에 다시 제보할 수 있습니다.',
  'error.buttonsExpired': '버튼 사용 시간이 지났습니다. `/설정 해제`를 다시 실행해 주세요.',
  'error.notYourButtons': '명령어를 실행한 사람만 이 버튼을 누를 수 있습니다.',
  'error.unknownCommand': '더 이상 쓸 수 없는 명령어입니다.',

  'permission.ViewChannel': '채널 보기',
  'permission.SendMessages': '메시지 보내기',
  'permission.EmbedLinks': '링크 첨부',

  'reply.report.accepted': '제보 감사합니다! **{type}** 문제 제보가 접수되었습니다.',
  'reply.report.others': '최근 {window}분 동안 다른 {count}명도 같은 문제를 제보했습니다.',
  'reply.report.others.one': '최근 {window}분 동안 다른 1명도 같은 문제를 제보했습니다.',
  'reply.report.others.none': '최근 {window}분 동안 같은 문제를 제보한 사람은 아직 없습니다.',

  'reply.setup.created.guild': '등록 완료! VRChat 알림이 {channel}에 올라옵니다.',
  'reply.setup.moved.guild': '알림 채널을 {previous}에서 {channel}(으)로 옮겼습니다.',
  'reply.setup.reenabled.guild': '다시 오신 걸 환영합니다! 이제 {channel}에 알림이 다시 올라옵니다.',
  'reply.setup.unchanged.guild': '알림은 이미 {channel}에 올라오고 있습니다. 바뀐 것은 없습니다.',
  'reply.setup.created.user': '등록 완료! VRChat 알림을 DM으로 보내 드립니다.',
  'reply.setup.reenabled.user': '다시 오신 걸 환영합니다! DM 알림이 다시 켜졌습니다.',
  'reply.setup.unchanged.user': '이미 DM 알림을 받고 있습니다. 바뀐 것은 없습니다.',

  'reply.show.title.guild': '이 서버의 VRCPulse 설정',
  'reply.show.title.user': '내 VRCPulse DM 알림',
  'reply.show.disabled':
    '알림이 꺼져 있습니다. 이전 설정은 아래와 같고, `/설정 등록`으로 다시 켤 수 있습니다.',
  'field.alerts': '알림',
  'field.channel': '채널',
  'field.language': '언어',
  'value.alertsOn': '켜짐',
  'value.alertsOff': '꺼짐',
  'value.dm': '내 DM',
  'value.noChannel': '없음',
  'value.languageAuto': '자동 (지금은 {language})',

  'reply.unregister.confirm.guild':
    '{channel}의 VRChat 알림을 끌까요? 설정은 남아 있고, `/설정 등록`으로 다시 켤 수 있습니다.',
  'reply.unregister.confirm.user':
    'DM으로 받는 VRChat 알림을 끌까요? 설정은 남아 있고, `/설정 등록`으로 다시 켤 수 있습니다.',
  'button.confirmUnregister': '알림 끄기',
  'button.cancel': '유지하기',
  'reply.unregister.done.guild': '이 서버의 알림을 껐습니다. `/설정 등록`으로 다시 켤 수 있습니다.',
  'reply.unregister.done.user': 'DM 알림을 껐습니다. `/설정 등록`으로 다시 켤 수 있습니다.',
  'reply.unregister.cancelled': '바뀐 것은 없습니다. 알림은 계속 켜져 있습니다.',

  'reply.language.set': '이제 답장과 알림을 {language}(으)로 보냅니다.',
  'reply.language.auto': '이제 답장과 알림이 Discord 언어 설정을 따릅니다 (지금은 {language}).',

  'reply.admin.show.title': '전역 설정',
  'reply.admin.show.description':
    '모든 서버와 사용자에게 적용됩니다. `/관리 설정 변경`으로 바꾸고, `/관리 설정 초기화`로 되돌릴 수 있습니다.',
  'value.default': '기본값',
  'reply.admin.set': '`{key}`: `{previous}` → `{value}`. 바로 적용됩니다.',
  'reply.admin.reset': '기본값으로 되돌렸습니다:\n{changes}',
  'reply.admin.reset.none': '되돌릴 것이 없습니다. 모든 설정이 이미 기본값입니다.',

  'status.title': 'VRChat 상태',
  'status.noData':
    '아직 상태 정보가 없습니다. VRCPulse가 상태 페이지 응답을 받지 못했습니다. 잠시 후 다시 시도해 주세요.',
  'status.stale.since':
    '⚠️ {source}: {time} 이후로 새 정보를 받지 못해 지금 보이는 정보가 오래되었을 수 있습니다.',
  'status.stale.never': '⚠️ {source}: 아직 받은 정보가 없습니다.',
  'source.status': 'VRChat 상태 페이지',
  'source.incident': 'VRChat 장애 정보',
  'source.maintenance': 'VRChat 점검 정보',
  'source.metrics': 'CloudFront 지표',
  'field.onlineUsers': '접속자 수 (12시간)',
  'value.onlineUsers': '평균 {avg} · 최고 {peak}',
  'field.apiErrors': 'API 오류율',
  'field.steamAuth': 'Steam 인증 성공률',
  'field.metaAuth': 'Meta 인증 성공률',
  'field.otherComponents': '기타 서비스',
  'value.noData': '정보 없음',
  'value.last5min': '{value} (최근 5분)',

  'command.status.name': '상태',
  'command.status.description': 'VRChat 현재 상태: 서비스, 접속자 수, 오류율, 로그인 성공률',
  'command.report.name': '제보',
  'command.report.description': '지금 겪고 있는 VRChat 문제를 제보합니다',
  'command.report.type.name': '유형',
  'command.report.type.description': '어떤 문제인가요',
  'command.report.details.name': '내용',
  'command.report.details.description': '무슨 일이 있었나요 (선택, 최대 {max}자)',
  'command.config.name': '설정',
  'command.config.description': '이 서버 또는 내 DM으로 받는 VRChat 알림 설정',
  'command.config.setup.name': '등록',
  'command.config.setup.description': '알림 받기: 이 서버의 채널 또는 내 DM',
  'command.config.setup.channel.name': '채널',
  'command.config.setup.channel.description': '알림을 받을 채널 (서버에서는 필수)',
  'command.config.show.name': '보기',
  'command.config.show.description': '알림을 받는 곳과 언어를 보여줍니다',
  'command.config.unregister.name': '해제',
  'command.config.unregister.description': '알림을 그만 받습니다 (확인 후 적용)',
  'command.config.language.name': '언어',
  'command.config.language.description': '답장과 알림의 언어',
  'command.config.language.language.name': '언어',
  'command.config.language.language.description': '영어, 한국어, 또는 자동 (Discord 언어 설정)',
  'command.admin.name': '관리',
  'command.admin.description': '봇 운영자 도구 (VRCPulse 운영자 전용)',
  'command.admin.config.name': '설정',
  'command.admin.config.description': '모든 서버와 사용자에게 적용되는 전역 설정',
  'command.admin.config.show.name': '보기',
  'command.admin.config.show.description': '전역 설정과 현재 값을 모두 보여줍니다',
  'command.admin.config.set.name': '변경',
  'command.admin.config.set.description': '전역 설정 하나를 바꿉니다 (즉시 적용)',
  'command.admin.config.set.key.name': '항목',
  'command.admin.config.set.key.description': '바꿀 설정',
  'command.admin.config.set.value.name': '값',
  'command.admin.config.set.value.description': '새 값. 조회 간격은 {min}~{max}초',
  'command.admin.config.reset.name': '초기화',
  'command.admin.config.reset.description': '전역 설정을 기본값으로 되돌립니다',
  'command.admin.config.reset.key.name': '항목',
  'command.admin.config.reset.key.description': '되돌릴 설정 (비워 두면 모든 설정)',
};

export const MESSAGES: Readonly<Record<Language, Catalogue>> = { en: EN, ko: KO };

/** The `{name}` placeholders of a template string type. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
export type MessageVars<K extends MessageKey> = Record<Placeholders<(typeof EN)[K]>, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder is left as it is. */
export function format(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** The message `key` in `language`, with its placeholders (checked against the English template). */
export function t<K extends MessageKey>(
  language: Language,
  key: K,
  ...vars: [Placeholders<(typeof EN)[K]>] extends [never] ? [] : [MessageVars<K>]
): string {
  return format(MESSAGES[language][key], vars[0]);
}

/** The catalogue sections that label a raw status-like value. */
export type LabelKind =
  | 'indicator'
  | 'componentStatus'
  | 'incidentStatus'
  | 'maintenanceStatus'
  | 'impact'
  | 'reportType'
  | 'metric';

/** The catalogue key for `raw` in `kind`, when the catalogue has one. */
export function labelKey(kind: LabelKind, raw: string): MessageKey | null {
  const key = `${kind}.${raw.trim().toLowerCase()}`;
  return Object.hasOwn(EN, key) ? (key as MessageKey) : null;
}

/**
 * The localised word for a status-like value ("partial_outage" -> "Partial outage" / "부분 장애").
 * A value the catalogue does not know falls back to the raw value, title-cased, in every language;
 * an empty value reads "Unknown".
 */
export function label(language: Language, kind: LabelKind | readonly LabelKind[], raw: string): string {
  for (const k of typeof kind === 'string' ? [kind] : kind) {
    const key = labelKey(k, raw);
    if (key !== null) return MESSAGES[language][key];
  }
  const fallback = titleCase(raw);
  return fallback === '' ? MESSAGES[language]['value.unknown'] : fallback;
}
