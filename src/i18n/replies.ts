/**
 * What the bot answers: replies to slash commands and buttons, their errors, the permission names they
 * mention, the /status embed, and the welcome message. Command mentions use the English names; Korean
 * clients show the localised ones (src/i18n/commands.ts).
 */
import type { Language } from '../contracts/languages';
import type { Translation } from './translation';

const en = {
  'welcome.title': 'Thanks for adding VRCPulse!',
  'welcome.button.guide': 'View the Korean guide',
  'welcome.button.korean': "Set the bot's language to Korean",
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
  'error.restarting': 'VRCPulse is restarting. Please try again in a minute.',
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
  'error.buttonsElsewhere':
    'These buttons were for another registration (VRCPulse may have left that server), so nothing was changed. Run `/config unregister` where you want alerts off.',
  'error.notYourButtons': 'Only the person who ran this command can use these buttons.',
  'error.unknownCommand': 'This command is not available any more.',

  'permission.ViewChannel': 'View Channel',
  'permission.SendMessages': 'Send Messages',
  'permission.EmbedLinks': 'Embed Links',
  'reply.test.delivered': 'The test alert arrived in {where}. Real alerts will appear there the same way.',
  'reply.test.delivered.dm':
    'The test alert arrived in your DMs. Real alerts will appear there the same way.',
  'reply.test.missingPermissions':
    'The test alert did not arrive: I am missing {permissions} in {channel}. Give my role those permissions there, then run `/config test` again.',
  'reply.test.dmClosed':
    'The test alert did not arrive: your DMs are closed to me. Allow direct messages from this server (or from apps) in your privacy settings, then run `/config test` again.',
  'reply.test.failed': 'The test alert did not arrive: {reason}. Run `/config test` again in a minute.',
  'reply.test.noAnswer':
    'Discord did not answer in time, so I cannot tell yet whether the test alert arrived. Look in the channel, or run `/config test` again in a minute.',
  'error.testCooldown': 'One test a minute: you can run `/config test` again {time}.',

  'reply.report.accepted': 'Thanks! Your **{type}** report is in.',
  'reply.report.others.one': '{count} other person reported the same problem in the last {window} minutes.',
  'reply.report.others.other': '{count} other people reported the same problem in the last {window} minutes.',
  'reply.report.noOthers': 'Nobody else has reported this in the last {window} minutes.',
  'reply.report.progress': 'An alert goes out at {threshold} players; so far {players}.',
  'reply.report.progress.sources':
    'An alert goes out at {threshold} players from at least {minSources} places (each server is one, DMs together are one); so far {players} from {places}.',
  'reply.report.alertStarted': 'That is enough: an alert is going out to every subscribed server and user.',
  'reply.report.alertLimited':
    'That is enough for an alert, but one went out recently, so this report is counted and shown in /status instead.',

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
  'reply.show.switchedOff.missing_permissions':
    'Alerts are off: {channel} refused three alerts in a row because I lack permissions there. Give my role **View Channel**, **Send Messages** and **Embed Links** in {channel}, then run `/config setup` to turn alerts on again.',
  'reply.show.switchedOff.missing_access':
    'Alerts are off: I could not see {channel} for three alerts in a row (the channel is hidden from me, or I was removed). Give my role **View Channel** there (or invite me again), then run `/config setup`.',
  'reply.show.switchedOff.unknown_channel':
    'Alerts are off: {channel} no longer exists. Run `/config setup` and pick another channel.',
  'reply.show.switchedOff.unreachable':
    'Alerts are off: I could not deliver to {channel}. Run `/config setup` to turn alerts on again.',
  'field.alerts': 'Alerts',
  'field.channel': 'Channel',
  'field.language': 'Language',
  'field.style': 'Incidents and maintenances',
  'value.style.lifecycle': 'One message each, kept up to date',
  'value.style.separate': 'A new message for every alert',
  'field.kinds': 'Receives',
  'value.kind.incidents': 'Incidents',
  'value.kind.incidents.from': 'Incidents ({impact})',
  'value.kind.maintenances': 'Maintenances',
  'value.kind.status': 'Status changes',
  'value.kind.metrics': 'Metrics',
  'value.kind.reports': 'Player reports',
  'value.kinds.none': 'Nothing (every kind is off)',
  'field.mention': 'Pings',
  'value.mention.none': 'Nobody',
  'value.mention.role': '{role} for new incidents: {impact}',
  'value.mention.role.maintenance': '{role} for new incidents: {impact}; and when a maintenance starts',
  'reply.show.mentionDeleted':
    'The role to ping no longer exists, so nobody is pinged. Pick another with `/config mention`.',
  'reply.alerts.set': 'You will receive: {kinds}.',
  'reply.alerts.none':
    'Every kind of alert is off: nothing will be sent here until you switch one on with `/config alerts`.',
  'reply.mention.set': 'I will ping {role} for new incidents: {impact}.',
  'reply.mention.set.maintenance':
    'I will ping {role} for new incidents: {impact}; and when a maintenance starts.',
  'reply.mention.cleared': 'Alerts will ping nobody.',
  'error.mention.dm': 'Role pings are for servers: in DMs every alert already notifies you.',
  'error.mention.everyone': 'I never ping @everyone. Pick a role for the people who want to be pinged.',
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
  'reply.style.lifecycle':
    'Each incident and maintenance will be one message, kept up to date; every update is posted as a reply to it.',
  'reply.style.separate': 'Every alert will be a new message.',
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
  'field.history': 'Last alerts',
  'value.history.none': 'None yet',
  'value.history.delivered': 'delivered',
  'value.history.failed': 'not delivered: {reason}',
  'refusal.10003': 'the channel no longer exists',
  'refusal.50001': 'no access to the channel',
  'refusal.50013': 'missing permissions',
  'refusal.50007': 'DMs closed',
  'refusal.50278': 'no shared server',
  'refusal.other': 'refused by Discord',
  'alertType.status': 'Status change',
  'alertType.incident': 'New incident',
  'alertType.incident_update': 'Incident update',
  'alertType.incident_resolved': 'Incident resolved',
  'alertType.maintenance': 'Maintenance announced',
  'alertType.maintenance_started': 'Maintenance started',
  'alertType.maintenance_completed': 'Maintenance completed',
  'alertType.maintenance_reminder': 'Maintenance reminder',
  'alertType.threshold': 'Player reports',
  'alertType.metric': 'Metric alert',
  'alertType.metric_recovered': 'Metric recovered',
  'alertType.test': 'Test alert',
  'digest.title': 'Many VRChat alerts at once',
  'digest.description':
    'VRChat is having a rough time. To keep this channel readable, further alerts are collected here until things calm down; a new major incident still gets its own message.',
  'digest.earlier': '…and {count} earlier',
  'digest.footer': '{count} alerts collected',
  'reply.adminStatus.title': 'VRCPulse status',
  'field.version': 'Version',
  'value.version': '{version}, up since {since}',
  'field.servers': 'Servers',
  'field.users': 'DM users',
  'value.registrations': '{enabled} on, {disabled} off',
  'field.loop': 'Poll loop: {source}',
  'value.loop.success': 'Last success: {time}',
  'value.loop.failure': 'Last failure: {time} ({error})',
  'value.loop.noFailure': 'No failure',
  'value.loop.unavailable': 'No answer from the worker ({error})',
  'value.never': 'never',
  'field.fanouts': 'Alert fan-outs running',
  'value.fanouts': '{count}, the oldest since {since}',
  'value.fanouts.none': 'None',
  'field.unknownOutcomes': 'Sends with an unknown outcome',
  'value.unknownOutcomes': '{count}, the oldest since {since}',
  'value.unknownOutcomes.none': 'None',
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
  'field.playerReports': 'Player reports (last hour)',
  'value.players.one': '{count} player',
  'value.players.other': '{count} players',
  'value.places.one': '{count} place',
  'value.places.other': '{count} places',
  'value.noData': 'No data',
  'value.last5min': '{value} (last 5 min)',
} as const;

const ko: Translation<typeof en> = {
  'welcome.title': 'VRCPulse를 추가해 주셔서 감사합니다!',
  'welcome.button.guide': '한국어 가이드 보기',
  'welcome.button.korean': '봇 언어를 한국어로 설정',
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
  'error.restarting': 'VRCPulse가 다시 시작하는 중입니다. 1분 뒤에 다시 시도해 주세요.',
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
  'error.buttonsElsewhere':
    '이 버튼은 다른 등록을 위한 것이라(VRCPulse가 그 서버에서 나갔을 수 있습니다) 아무것도 바꾸지 않았습니다. 알림을 끌 곳에서 `/설정 해제`를 실행해 주세요.',
  'error.notYourButtons': '명령어를 실행한 사람만 이 버튼을 누를 수 있습니다.',
  'error.unknownCommand': '더 이상 쓸 수 없는 명령어입니다.',

  'permission.ViewChannel': '채널 보기',
  'permission.SendMessages': '메시지 보내기',
  'permission.EmbedLinks': '링크 첨부',
  'reply.test.delivered': '테스트 알림이 {where}에 도착했습니다. 실제 알림도 이렇게 표시됩니다.',
  'reply.test.delivered.dm': '테스트 알림이 DM에 도착했습니다. 실제 알림도 이렇게 표시됩니다.',
  'reply.test.missingPermissions':
    '테스트 알림이 도착하지 않았습니다: {channel}에서 {permissions} 권한이 없습니다. 그곳에서 봇 역할에 권한을 준 뒤 `/설정 테스트`를 다시 실행해 주세요.',
  'reply.test.dmClosed':
    '테스트 알림이 도착하지 않았습니다: DM이 막혀 있습니다. 개인정보 설정에서 다이렉트 메시지를 허용한 뒤 `/설정 테스트`를 다시 실행해 주세요.',
  'reply.test.failed':
    '테스트 알림이 도착하지 않았습니다: {reason}. 잠시 후 `/설정 테스트`를 다시 실행해 주세요.',
  'reply.test.noAnswer':
    'Discord가 제때 응답하지 않아 테스트 알림이 도착했는지 아직 알 수 없습니다. 채널을 확인하거나 잠시 후 `/설정 테스트`를 다시 실행해 주세요.',
  'error.testCooldown': '테스트는 1분에 한 번입니다. {time} 다시 `/설정 테스트`를 실행할 수 있습니다.',

  'reply.report.accepted': '제보 감사합니다! **{type}** 문제 제보가 접수되었습니다.',
  'reply.report.others.other': '최근 {window}분 동안 다른 {count}명도 같은 문제를 제보했습니다.',
  'reply.report.noOthers': '최근 {window}분 동안 같은 문제를 제보한 사람은 아직 없습니다.',
  'reply.report.progress': '{threshold}명이 제보하면 알림이 나갑니다. 지금까지 {players}입니다.',
  'reply.report.progress.sources':
    '서로 다른 {minSources}곳 이상(서버마다 1곳, DM은 모두 합쳐 1곳)에서 {threshold}명이 제보하면 알림이 나갑니다. 지금까지 {places}에서 {players}입니다.',
  'reply.report.alertStarted': '알림 기준에 도달해 구독한 모든 서버와 사용자에게 알림을 보냅니다.',
  'reply.report.alertLimited':
    '알림 기준에 도달했지만 최근에 이미 알림이 나가서, 이 제보는 집계되어 /status에 표시됩니다.',

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
  'reply.show.switchedOff.missing_permissions':
    '알림이 꺼졌습니다: {channel} 채널에 권한이 없어 알림이 세 번 연속 거부되었습니다. {channel}에서 봇 역할에 **채널 보기**, **메시지 보내기**, **링크 첨부** 권한을 준 뒤 `/설정 등록`으로 다시 켜 주세요.',
  'reply.show.switchedOff.missing_access':
    '알림이 꺼졌습니다: 세 번 연속 {channel} 채널에 접근할 수 없었습니다(채널이 숨겨졌거나 봇이 추방됨). 봇 역할에 **채널 보기** 권한을 주거나 봇을 다시 초대한 뒤 `/설정 등록`을 실행해 주세요.',
  'reply.show.switchedOff.unknown_channel':
    '알림이 꺼졌습니다: {channel} 채널이 더 이상 없습니다. `/설정 등록`으로 다른 채널을 골라 주세요.',
  'reply.show.switchedOff.unreachable':
    '알림이 꺼졌습니다: {channel} 채널로 알림을 보낼 수 없었습니다. `/설정 등록`으로 다시 켜 주세요.',
  'field.alerts': '알림',
  'field.channel': '채널',
  'field.language': '언어',
  'field.style': '장애와 점검',
  'value.style.lifecycle': '하나의 메시지를 계속 업데이트',
  'value.style.separate': '알림마다 새 메시지',
  'field.kinds': '받는 알림',
  'value.kind.incidents': '장애',
  'value.kind.incidents.from': '장애 ({impact})',
  'value.kind.maintenances': '점검',
  'value.kind.status': '상태 변화',
  'value.kind.metrics': '지표',
  'value.kind.reports': '플레이어 제보',
  'value.kinds.none': '없음 (모든 알림이 꺼짐)',
  'field.mention': '멘션',
  'value.mention.none': '없음',
  'value.mention.role': '새 장애 때 {role}: {impact}',
  'value.mention.role.maintenance': '새 장애 때 {role}: {impact}, 점검 시작 때도',
  'reply.show.mentionDeleted':
    '멘션할 역할이 더 이상 없어 아무도 멘션하지 않습니다. `/설정 멘션`으로 다른 역할을 골라 주세요.',
  'reply.alerts.set': '이제 받는 알림: {kinds}.',
  'reply.alerts.none':
    '모든 알림이 꺼져 있습니다. `/설정 알림종류`로 하나라도 켜기 전에는 아무것도 보내지 않습니다.',
  'reply.mention.set': '새 장애 때 {role}을(를) 멘션합니다: {impact}.',
  'reply.mention.set.maintenance':
    '새 장애 때 {role}을(를) 멘션합니다: {impact}. 점검이 시작될 때도 멘션합니다.',
  'reply.mention.cleared': '이제 알림에서 아무도 멘션하지 않습니다.',
  'error.mention.dm': '역할 멘션은 서버에서만 쓸 수 있습니다. DM 알림은 이미 알림이 울립니다.',
  'error.mention.everyone': '@everyone은 멘션하지 않습니다. 멘션을 원하는 사람들을 위한 역할을 골라 주세요.',
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
  'reply.style.lifecycle':
    '이제 장애와 점검마다 메시지 하나를 계속 업데이트하고, 새 소식은 그 메시지에 답장으로 올립니다.',
  'reply.style.separate': '이제 알림마다 새 메시지를 보냅니다.',
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
  'field.history': '최근 알림',
  'value.history.none': '아직 없음',
  'value.history.delivered': '전달됨',
  'value.history.failed': '전달 안 됨: {reason}',
  'refusal.10003': '채널이 더 이상 없음',
  'refusal.50001': '채널에 접근할 수 없음',
  'refusal.50013': '권한 없음',
  'refusal.50007': 'DM이 막혀 있음',
  'refusal.50278': '함께 있는 서버 없음',
  'refusal.other': 'Discord가 거부함',
  'alertType.status': '상태 변화',
  'alertType.incident': '새 장애',
  'alertType.incident_update': '장애 업데이트',
  'alertType.incident_resolved': '장애 해결',
  'alertType.maintenance': '점검 예정',
  'alertType.maintenance_started': '점검 시작',
  'alertType.maintenance_completed': '점검 완료',
  'alertType.maintenance_reminder': '점검 알림',
  'alertType.threshold': '플레이어 제보',
  'alertType.metric': '지표 알림',
  'alertType.metric_recovered': '지표 회복',
  'alertType.test': '테스트 알림',
  'digest.title': 'VRChat 알림이 한꺼번에 많이 왔습니다',
  'digest.description':
    'VRChat에 문제가 이어지고 있습니다. 채널이 알림으로 넘치지 않도록 상황이 진정될 때까지 이후 알림을 여기에 모읍니다. 새로 생긴 중대 장애는 따로 알립니다.',
  'digest.earlier': '…이전 알림 {count}건',
  'digest.footer': '모은 알림 {count}건',
  'reply.adminStatus.title': 'VRCPulse 상태',
  'field.version': '버전',
  'value.version': '{version}, {since}부터 실행 중',
  'field.servers': '서버',
  'field.users': 'DM 사용자',
  'value.registrations': '켜짐 {enabled}, 꺼짐 {disabled}',
  'field.loop': '조회 루프: {source}',
  'value.loop.success': '마지막 성공: {time}',
  'value.loop.failure': '마지막 실패: {time} ({error})',
  'value.loop.noFailure': '실패 없음',
  'value.loop.unavailable': '워커가 응답하지 않음 ({error})',
  'value.never': '없음',
  'field.fanouts': '진행 중인 알림 발송',
  'value.fanouts': '{count}건, 가장 오래된 것은 {since}부터',
  'value.fanouts.none': '없음',
  'field.unknownOutcomes': '결과를 모르는 발송',
  'value.unknownOutcomes': '{count}건, 가장 오래된 것은 {since}부터',
  'value.unknownOutcomes.none': '없음',
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
  'field.playerReports': '유저 제보 (최근 1시간)',
  'value.players.other': '{count}명',
  'value.places.other': '{count}곳',
  'value.noData': '정보 없음',
  'value.last5min': '{value} (최근 5분)',
};

export const REPLY_MESSAGES = { en, ko } satisfies Record<Language, Translation<typeof en>>;
