/** The lifecycle style's pure rules: an alert's subject, what one delivery does, and its embeds. */
import type { IncidentAlertContent, MaintenanceAlertContent } from '../../src/contracts/alert-content';
import { replyEmbed, subjectEmbed } from '../../src/alerts/lifecycle/embeds';
import { alertSubject, lifecycleStep } from '../../src/alerts/lifecycle/subject';
import { isOwnPost, withMarker } from '../../src/alerts/unknown-outcomes';
import { embedLength } from '../../src/discord/presentation';
import { MessageFlags } from 'discord-api-types/v10';

const incident = (overrides: Partial<IncidentAlertContent> = {}): IncidentAlertContent => ({
  type: 'incident',
  referenceId: 'inc1',
  incidentId: 'inc1',
  title: 'Logins failing',
  status: 'investigating',
  impact: 'major',
  startedAt: '2026-12-04T10:00:00.000Z',
  resolvedAt: null,
  url: null,
  latestUpdate: {
    status: 'investigating',
    body: 'We are looking into it.',
    publishedAt: '2026-12-04T10:00:00.000Z',
  },
  ...overrides,
});
const maintenance: MaintenanceAlertContent = {
  type: 'maintenance_started',
  referenceId: 'mnt1:in_progress',
  maintenanceId: 'mnt1',
  title: 'Database upgrade',
  status: 'in_progress',
  scheduledFor: '2026-12-05T02:00:00.000Z',
  scheduledUntil: '2026-12-05T04:00:00.000Z',
  url: null,
  latestUpdate: null,
};
const message = { channelId: '300000000000000001', messageId: '900000000000000001' };

describe('alertSubject', () => {
  it('is the incident or the maintenance, whichever alert of it', () => {
    expect(alertSubject(incident())).toBe('incident:inc1');
    expect(alertSubject(incident({ type: 'incident_update', referenceId: 'upd7' }))).toBe('incident:inc1');
    expect(alertSubject(incident({ type: 'incident_resolved' }))).toBe('incident:inc1');
    expect(alertSubject(maintenance)).toBe('maintenance:mnt1');
  });

  it('is none for alerts without a lifecycle', () => {
    expect(
      alertSubject({
        type: 'status',
        referenceId: 's',
        indicator: 'minor',
        description: 'Minor',
        previousIndicator: 'none',
        changedAt: '2026-12-04T10:00:00.000Z',
        components: [],
      }),
    ).toBeNull();
  });
});

describe('lifecycleStep', () => {
  const update = incident({ type: 'incident_update', referenceId: 'upd7' });

  it('posts the subject message first, then edits it and replies', () => {
    expect(lifecycleStep(incident(), undefined, message.channelId, undefined)).toEqual({
      kind: 'post-subject',
      subject: 'incident:inc1',
    });
    expect(lifecycleStep(update, 'lifecycle', message.channelId, message)).toEqual({
      kind: 'edit-and-reply',
      subject: 'incident:inc1',
      message,
    });
  });

  it('gives a recipient without the message (registered since) the current state as a new one', () => {
    expect(lifecycleStep(update, undefined, message.channelId, undefined).kind).toBe('post-subject');
  });

  it("posts anew in a server's new channel, but follows a DM wherever its channel id went", () => {
    expect(lifecycleStep(update, undefined, '300000000000000002', message).kind).toBe('post-subject');
    expect(lifecycleStep(update, undefined, null, message).kind).toBe('edit-and-reply');
  });

  it('posts every alert as its own message in the separate style, and alerts without a subject', () => {
    expect(lifecycleStep(update, 'separate', message.channelId, message)).toEqual({ kind: 'post' });
  });
});

describe('lifecycle embeds', () => {
  it("shows an open incident's state under a title that stays, and the update's text", () => {
    const embed = subjectEmbed(incident({ type: 'incident_update', referenceId: 'upd7' }), 'en');
    expect(embed.title).toBe('Incident: Logins failing');
    expect(embed.description).toBe('We are looking into it.');
    expect(embed.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Status', 'Impact', 'Started']));
  });

  it('shows how long a resolved incident lasted', () => {
    const embed = subjectEmbed(
      incident({
        type: 'incident_resolved',
        status: 'resolved',
        resolvedAt: '2026-12-04T12:05:00.000Z',
        latestUpdate: { status: 'resolved', body: 'Fixed.', publishedAt: '2026-12-04T12:05:00.000Z' },
      }),
      'en',
    );
    expect(embed.title).toBe('Resolved: Logins failing');
    expect(embed.fields).toContainEqual({
      name: 'Lasted',
      value: expect.stringMatching(/^2\D+5\D+$/),
      inline: true,
    });
    expect(
      subjectEmbed(incident({ status: 'resolved', resolvedAt: '2026-12-04T10:45:00.000Z' }), 'ko').title,
    ).toBe('장애 해결: Logins failing');
  });

  it('lists what is affected while the incident is open, under the group names /status uses', () => {
    const components = [
      { name: 'Login', status: 'major_outage', group: 'API / Website' },
      { name: 'Tokyo', status: 'degraded_performance', group: 'Realtime Networking' },
    ];
    const open = subjectEmbed(incident({ components }), 'en');
    expect(open.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['API / Website', 'Realtime Networking']),
    );
    expect(open.fields.find((f) => f.name === 'API / Website')?.value).toMatch(/Login — Major outage/);
    const resolved = subjectEmbed(
      incident({ components, status: 'resolved', resolvedAt: '2026-12-04T11:00:00.000Z' }),
      'en',
    );
    expect(resolved.fields.map((f) => f.name)).not.toContain('API / Website');
  });

  it("replies with the alert's title and text, without the state's fields", () => {
    const reply = replyEmbed(incident({ type: 'incident_update', referenceId: 'upd7' }), 'en');
    expect(reply.title).toBe('Incident update: Logins failing');
    expect(reply.description).toBe('We are looking into it.');
    expect(reply.fields).toEqual([]);
  });

  it("shows a maintenance's stage and window in Discord timestamps", () => {
    const embed = subjectEmbed(maintenance, 'en');
    expect(embed.title).toBe('Maintenance started: Database upgrade');
    expect(JSON.stringify(embed.fields)).toContain('<t:1796436000:f>');
  });
});

describe('the marker a lost message is found by', () => {
  const full = (fields: number) => ({
    title: 'T',
    description: 'd'.repeat(6_000 - 1 - 'VRChat Status'.length - fields * 20),
    color: 0,
    fields: Array.from({ length: fields }, (_, i) => ({
      name: `f${i}`.padEnd(10, '.'),
      value: 'v'.repeat(10),
    })),
    footer: { text: 'VRChat Status' },
  });

  it('always ends the footer, and the embed stays within 6,000 characters', () => {
    for (const embed of [full(0), full(3), { ...full(25), description: 'short' }]) {
      const marked = withMarker(embed, 'ref 1a2b3c4d');
      expect(marked.footer.text).toBe('VRChat Status · ref 1a2b3c4d');
      expect(embedLength(marked)).toBeLessThanOrEqual(6_000);
    }
  });

  it("is looked for only in the bot's own posts, not in copies published to following servers", () => {
    expect(isOwnPost({ flags: 0 as MessageFlags })).toBe(true);
    expect(isOwnPost({ flags: MessageFlags.Crossposted })).toBe(true); // our original, published
    expect(isOwnPost({ flags: MessageFlags.IsCrosspost, webhook_id: '700000000000000001' })).toBe(false); // a copy
    expect(isOwnPost({ webhook_id: '700000000000000001' })).toBe(false);
  });
});
