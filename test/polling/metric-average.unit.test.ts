/** The one "5-minute average": the newest window, whatever order the points come in. */
import { AVERAGE_WINDOW_MS, newestAverage } from '../../src/polling/metric-average';
import { rollingAverages } from '../../src/polling/metric-episodes';

const MINUTE = 60_000;

it('averages the points within 5 minutes of the newest one, excluding the one exactly 5 minutes older', () => {
  const points = [0, 1, 2, 3, 4, 5].map((m) => ({ timestamp: m * MINUTE, value: m * 10 }));
  // newest at 5 min: the window is (0, 5] min
  expect(newestAverage(points)).toBe((10 + 20 + 30 + 40 + 50) / 5);
  expect(newestAverage([...points].reverse())).toBe((10 + 20 + 30 + 40 + 50) / 5);
  expect(AVERAGE_WINDOW_MS).toBe(5 * MINUTE);
});

it('has nothing to say without points', () => {
  expect(newestAverage([])).toBeNull();
});

it('agrees with the detector’s rolling average at the newest point', () => {
  let seed = 7;
  // Park–Miller: reproducible values in (0, 1), no dependency
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let compared = 0;
  for (let run = 0; run < 200; run++) {
    const points: { timestamp: number; value: number; storedAt: number }[] = [];
    let t = 0;
    for (let i = 0; i < 3 + Math.floor(random() * 30); i++) {
      t += Math.floor(random() * 3 * MINUTE) + 1;
      points.push({ timestamp: t, value: Math.round(random() * 2000), storedAt: t });
    }
    const rolling = rollingAverages(points).at(-1);
    if (rolling?.at !== t) continue; // too few points in the newest window for the detector
    expect(newestAverage(points)).toBeCloseTo(rolling.average, 9);
    compared++;
  }
  expect(compared).toBeGreaterThan(100);
});
