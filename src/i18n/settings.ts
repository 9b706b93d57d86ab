/** What each global setting (`/admin config`, bot_config key) means, shown next to its key. */
import type { Language } from '../contracts/languages';
import type { Translation } from './translation';

const en = {
  'setting.polling.status': 'Status poll interval (seconds)',
  'setting.polling.incident': 'Incident poll interval (seconds)',
  'setting.polling.maintenance': 'Maintenance poll interval (seconds)',
  'setting.polling.metrics': 'Metrics poll interval (seconds)',
  'setting.report_threshold': 'Reports of one type that trigger an alert',
  'setting.report_interval': 'Report counting window (minutes)',
  'setting.report_min_sources': 'Places reporters must come from (servers; all DMs count as one)',
  'setting.report_alert_interval': 'Minutes between two report alerts of one type',
  'setting.report_alerts_per_hour': 'Report alerts per hour, all types together',
  'setting.digest.max_alerts': 'Alerts per recipient within the window before the rest fold into a digest',
  'setting.digest.window_minutes': 'Digest window in minutes (a storm ends when it is this quiet)',
  'setting.alert.metrics.enabled': 'Metric alerts on or off (true / false)',
  'setting.alert.metrics.api_latency': 'API latency alert threshold (ms)',
  'setting.alert.metrics.api_errors': 'API error rate alert threshold (0-1)',
  'setting.alert.metrics.extauth_steam': 'Steam auth success alert threshold (0-1)',
  'setting.alert.metrics.extauth_oculus': 'Meta auth success alert threshold (0-1)',
  'setting.alert.metrics.recovery_minutes': 'Minutes a metric must stay normal before it counts as recovered',
  'setting.retention.metric_logs': 'Keep metric history (days)',
  'setting.retention.status_logs': 'Keep status history (days)',
  'setting.retention.component_logs': 'Keep component history (days)',
  'setting.retention.user_reports': 'Keep user reports (days)',
  'setting.retention.sent_alerts': 'Keep the sent-alert record (days)',
  'setting.retention.batch_size': 'Rows deleted per retention batch',
} as const;

const ko: Translation<typeof en> = {
  'setting.polling.status': '상태 조회 간격 (초)',
  'setting.polling.incident': '장애 조회 간격 (초)',
  'setting.polling.maintenance': '점검 조회 간격 (초)',
  'setting.polling.metrics': '지표 조회 간격 (초)',
  'setting.report_threshold': '알림을 보내는 같은 유형의 제보 수',
  'setting.report_interval': '제보 집계 기간 (분)',
  'setting.report_min_sources': '제보가 나와야 하는 최소 출처 수 (서버별 1, DM 전체 1)',
  'setting.report_alert_interval': '같은 유형 제보 알림 사이의 최소 간격 (분)',
  'setting.report_alerts_per_hour': '시간당 제보 알림 최대 수 (모든 유형 합계)',
  'setting.digest.max_alerts': '요약 창 안에서 받는 알림 수 (넘으면 나머지는 요약 메시지 하나로)',
  'setting.digest.window_minutes': '요약 창(분). 이만큼 조용하면 요약이 끝납니다',
  'setting.alert.metrics.enabled': '지표 알림 켜기·끄기 (true / false)',
  'setting.alert.metrics.api_latency': 'API 응답 시간 알림 기준 (ms)',
  'setting.alert.metrics.api_errors': 'API 오류율 알림 기준 (0~1)',
  'setting.alert.metrics.extauth_steam': 'Steam 인증 성공률 알림 기준 (0~1)',
  'setting.alert.metrics.extauth_oculus': 'Meta 인증 성공률 알림 기준 (0~1)',
  'setting.alert.metrics.recovery_minutes': '지표가 정상으로 유지되어야 회복으로 보는 시간 (분)',
  'setting.retention.metric_logs': '지표 기록 보관 기간 (일)',
  'setting.retention.status_logs': '상태 기록 보관 기간 (일)',
  'setting.retention.component_logs': '서비스별 상태 기록 보관 기간 (일)',
  'setting.retention.user_reports': '유저 제보 보관 기간 (일)',
  'setting.retention.sent_alerts': '알림 발송 기록 보관 기간 (일)',
  'setting.retention.batch_size': '보관 기간 정리 시 한 번에 지우는 행 수',
};

export const SETTING_MESSAGES = { en, ko } satisfies Record<Language, Translation<typeof en>>;
