/**
 * The alerts' words (docs/alerts.md): embed titles, descriptions, fields and footers, and the labels of
 * the status-like values VRChat publishes (indicator, component and incident status, impact), of report
 * types and of metrics, which /status and /report show too.
 */
import type { Language } from '../contracts/languages';
import type { Translation } from './translation';

const en = {
  // Footers: the source of the alert.
  'footer.statuspage': 'VRChat Status',
  'footer.metrics': 'VRChat CloudFront metrics',
  'footer.reports': 'VRCPulse user reports',

  'title.status': 'VRChat status: {indicator}',
  'title.incident': 'New incident: {title}',
  'title.incident.open': 'Incident: {title}',
  'title.incident_update': 'Incident update: {title}',
  'title.incident_resolved': 'Resolved: {title}',
  'title.maintenance': 'Scheduled maintenance: {title}',
  'title.maintenance_started': 'Maintenance started: {title}',
  'title.maintenance_completed': 'Maintenance completed: {title}',
  'title.maintenance_reminder': 'Maintenance soon: {title}',
  'title.test': 'Test alert from VRCPulse',
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
  'description.maintenance_reminder': 'Reminder: VRChat maintenance starts {time}.',
  'description.test':
    'This is a test, sent because someone ran `/config test`. VRChat alerts will appear here like this. Nothing is wrong with VRChat.',
  'description.threshold':
    '**{count}** users reported problems with **{reportType}** in the last {window} minutes.',
  'description.threshold.incident': 'VRChat is already investigating: {incident}',
  'description.threshold.metric.above':
    '{metric} is above its alert threshold too: **{value}** (threshold {threshold}).',
  'description.threshold.metric.below':
    '{metric} is below its alert threshold too: **{value}** (threshold {threshold}).',
  'description.threshold.unconfirmed': "VRChat's status page and metrics show nothing yet.",
  'description.metric.above':
    'The 5-minute average of {metric} is **{value}**, above the alert threshold of {threshold}.',
  'description.metric.below':
    'The 5-minute average of {metric} is **{value}**, below the alert threshold of {threshold}.',
  'description.metric_recovered':
    '{metric} is back to normal: the 5-minute average is **{value}** (alert threshold {threshold}).',
  'description.metric.above.episode':
    'The 5-minute average of {metric} went above the alert threshold of {threshold}: **{value}** when it began.',
  'description.metric.below.episode':
    'The 5-minute average of {metric} went below the alert threshold of {threshold}: **{value}** when it began.',
  'description.metric_recovered.episode':
    '{metric} is back to normal after **{duration}**: the 5-minute average has stayed within the alert threshold of {threshold}.',

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
  'field.playersReported': 'Reported by players',
  'field.episodeStartValue': 'When it began (5-min average)',
  'field.episodeWorstSoFar': 'Worst so far',
  'field.episodeWorst': 'Worst',
  'field.episodeLasted': 'Lasted',
  'field.lasted': 'Lasted',
  'field.episodeEnded': 'Back to normal',

  'value.users.one': '{count} user',
  'value.users.other': '{count} users',
  'value.minutes.one': '{count} minute',
  'value.minutes.other': '{count} minutes',
  'value.hoursMinutes': '{hours} h {minutes} min',
  'value.playersLead': '{minutes} before the status page: VRCPulse players reported it first',
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
} as const;

const ko: Translation<typeof en> = {
  'footer.statuspage': 'VRChat 공식 상태 페이지',
  'footer.metrics': 'VRChat CloudFront 지표',
  'footer.reports': 'VRCPulse 유저 제보',

  'title.status': 'VRChat 상태: {indicator}',
  'title.incident': '장애 발생: {title}',
  'title.incident.open': '장애: {title}',
  'title.incident_update': '장애 업데이트: {title}',
  'title.incident_resolved': '장애 해결: {title}',
  'title.maintenance': '점검 예정: {title}',
  'title.maintenance_started': '점검 시작: {title}',
  'title.maintenance_completed': '점검 완료: {title}',
  'title.maintenance_reminder': '곧 점검: {title}',
  'title.test': 'VRCPulse 테스트 알림',
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
  'description.maintenance_reminder': '알림: VRChat 서버 점검이 {time} 시작됩니다.',
  'description.test':
    '`/설정 테스트`로 보낸 테스트 알림입니다. VRChat 알림은 이곳에 이렇게 표시됩니다. VRChat에는 아무 문제가 없습니다.',
  'description.threshold': '최근 {window}분 동안 유저 **{count}명**이 **{reportType}** 문제를 제보했습니다.',
  'description.threshold.incident': 'VRChat이 이미 조사 중입니다: {incident}',
  'description.threshold.metric.above': '{metric}도 알림 기준을 넘었습니다: **{value}** (기준 {threshold})',
  'description.threshold.metric.below': '{metric}도 알림 기준 아래입니다: **{value}** (기준 {threshold})',
  'description.threshold.unconfirmed': 'VRChat 상태 페이지와 지표에는 아직 아무것도 나타나지 않았습니다.',
  'description.metric.above': '최근 5분 평균 {metric}: **{value}** (알림 기준 {threshold} 초과)',
  'description.metric.below': '최근 5분 평균 {metric}: **{value}** (알림 기준 {threshold} 미만)',
  'description.metric_recovered':
    '{metric} 수치가 정상으로 돌아왔습니다. 최근 5분 평균: **{value}** (알림 기준 {threshold})',
  'description.metric.above.episode':
    '{metric} 5분 평균이 알림 기준 {threshold}을(를) 넘었습니다. 시작 시점 값: **{value}**',
  'description.metric.below.episode':
    '{metric} 5분 평균이 알림 기준 {threshold} 아래로 내려갔습니다. 시작 시점 값: **{value}**',
  'description.metric_recovered.episode':
    '{metric} 수치가 **{duration}** 만에 정상으로 돌아왔습니다. 5분 평균이 알림 기준 {threshold} 안에 머물고 있습니다.',

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
  'field.playersReported': '유저 제보',
  'field.episodeStartValue': '시작 시점 값 (5분 평균)',
  'field.episodeWorstSoFar': '지금까지 최악 값',
  'field.episodeWorst': '최악 값',
  'field.episodeLasted': '지속 시간',
  'field.lasted': '지속 시간',
  'field.episodeEnded': '정상 회복 시각',

  'value.users.other': '{count}명',
  'value.minutes.other': '{count}분',
  'value.hoursMinutes': '{hours}시간 {minutes}분',
  'value.playersLead': '상태 페이지보다 {minutes} 먼저 VRCPulse 유저들이 제보했습니다',
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
};

export const ALERT_MESSAGES = { en, ko } satisfies Record<Language, Translation<typeof en>>;
