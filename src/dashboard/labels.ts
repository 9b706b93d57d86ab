/**
 * The dashboard's own words, in English and Korean. Kept here rather than in src/i18n/: they
 * are drawn into a picture, so every character must exist in the bundled font (a test checks this
 * table against the font's character map), which the chat catalogue does not need.
 */
import { INTL_LOCALES, type Language } from '../i18n';

export type ChartId = 'users' | 'latency' | 'requests' | 'errors' | 'steam' | 'meta';

export interface DashboardLabels {
  title: string;
  /** Under the title, after the UTC range. */
  averaging: string;
  noData: string;
  charts: Record<ChartId, string>;
  /** Legend of the auth charts: the solid success-rate line and the dashed volume line. */
  authSuccess: string;
  authVolume: string;
  /** Intl locale for numbers (compact notation differs: 62K in English, 6.2만 in Korean). */
  numberLocale: string;
}

export const DASHBOARD_LABELS: Record<Language, DashboardLabels> = {
  en: {
    title: 'VRChat status · last 12 hours',
    averaging: '5-minute averages',
    noData: 'No data',
    charts: {
      users: 'Online users',
      latency: 'API latency (ms)',
      requests: 'API requests',
      errors: 'API error rate (%)',
      steam: 'Steam auth success (%)',
      meta: 'Meta auth success (%)',
    },
    authSuccess: 'success',
    authVolume: 'volume',
    numberLocale: INTL_LOCALES.en,
  },
  ko: {
    title: 'VRChat 상태 · 최근 12시간',
    averaging: '5분 평균',
    noData: '데이터 없음',
    charts: {
      users: '접속자 수',
      latency: 'API 지연 시간 (ms)',
      requests: 'API 요청량',
      errors: 'API 오류율 (%)',
      steam: 'Steam 인증 성공률 (%)',
      meta: 'Meta 인증 성공률 (%)',
    },
    authSuccess: '성공률',
    authVolume: '요청량',
    numberLocale: INTL_LOCALES.ko,
  },
};
