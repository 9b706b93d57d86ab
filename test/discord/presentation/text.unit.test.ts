import {
  ELLIPSIS,
  escapeMarkdown,
  fitLines,
  hasLoneSurrogate,
  htmlToDiscordMarkdown,
  truncate,
} from '../../../src/discord/presentation/text';

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('', 0)).toBe('');
  });

  it('cuts to at most max code units and ends with an ellipsis', () => {
    const cut = truncate('abcdefghijklmnopqrstuvwxyz', 10);
    expect(cut).toBe('abcdefghi…');
    expect(cut.length).toBe(10);
    expect(truncate('abc', 1)).toBe(ELLIPSIS);
    expect(truncate('abc', 0)).toBe('');
  });

  it('prefers a nearby word boundary and drops trailing whitespace', () => {
    expect(truncate('The quick brown fox jumps over the lazy dog', 22)).toBe('The quick brown fox…');
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(100); // 200 code units, no whitespace
    for (let max = 1; max <= 60; max++) {
      const cut = truncate(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(cut)).toBe(false);
      expect(cut.endsWith(ELLIPSIS)).toBe(true);
    }
    expect(truncate('ab😀', 3)).toBe('ab…');
  });

  it('never splits a Discord timestamp or mention token', () => {
    const text = 'Started <t:1767225600:f> (<t:1767225600:R>) by <@123456789012345678>';
    for (let max = 1; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/<t:(?!\d+:[fR]>)/);
      expect(cut).not.toMatch(/<@(?!\d+>)/);
    }
    expect(truncate(text, 20)).toBe('Started…');
  });

  it('keeps a masked link whole when that costs at most half of the text', () => {
    const text = `${'word '.repeat(20)}[status page](https://status.vrchat.com/incidents/abc) more`;
    const cut = truncate(text, 120);
    expect(cut).not.toContain('[status page](https://status');
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('drops a dangling zero-width joiner', () => {
    const family = '👨\u200d👩\u200d👧';
    const cut = truncate(`${family}${family}`, 4);
    expect(cut).toBe('👨…');
  });
});

describe('fitLines', () => {
  const more = (n: number) => `…and ${n} more`;
  it('keeps everything when it fits', () => {
    expect(fitLines(['a', 'b'], 10, more)).toBe('a\nb');
  });
  it('keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line number ${i}`);
    const value = fitLines(lines, 100, more);
    expect(value.length).toBeLessThanOrEqual(100);
    const kept = value.split('\n');
    const note = kept.pop();
    expect(note).toBe(`…and ${30 - kept.length} more`);
    expect(kept).toEqual(lines.slice(0, kept.length));
  });
  it('cuts a single overlong line', () => {
    const value = fitLines(['x'.repeat(500), 'y'], 100, more);
    expect(value.length).toBeLessThanOrEqual(100);
    expect(value).toMatch(/^x+…\n…and 1 more$/);
    expect(fitLines(['x'.repeat(500)], 100, more)).toBe(`${'x'.repeat(99)}…`);
    expect(fitLines(['x'.repeat(500), 'y'], 20, more)).toBe('…and 2 more');
  });
});

describe('escapeMarkdown', () => {
  it('escapes markdown characters in names', () => {
    expect(escapeMarkdown('a*b_c~d`e|f[g]h\\i')).toBe('a\\*b\\_c\\~d\\`e\\|f\\[g\\]h\\\\i');
  });
});

describe('htmlToDiscordMarkdown', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Logins are failing.', 'Logins are failing.'],
    ['<br /> and <br>', 'One.<br />Two.<br>Three.<br/>', 'One.\nTwo.\nThree.'],
    [
      'CRLF',
      'Everything seems to be working! \r\nSorry for the brief interruption.',
      'Everything seems to be working!\nSorry for the brief interruption.',
    ],
    ['blank lines collapse', 'a\r\n\r\n\r\n\r\nb<br /><br /><br /><br />c', 'a\n\nb\n\nc'],
    [
      'bold/italic/strike',
      '<b>Bold</b> <strong>strong</strong> <i>it</i> <em>em</em> <s>gone</s>',
      '**Bold** **strong** *it* *em* ~~gone~~',
    ],
    [
      'links',
      'See <a href="https://status.vrchat.com/x">the status page</a>.',
      'See [the status page](https://status.vrchat.com/x).',
    ],
    ['link whose text is its URL', '<a href="https://vrch.at/x">https://vrch.at/x</a>', 'https://vrch.at/x'],
    ['unsafe link keeps only its text', '<a href="javascript:alert(1)">click</a> me', 'click me'],
    [
      'single-quoted and unquoted href',
      "<a href='https://a.example/'>A</a> <a href=https://b.example/>B</a>",
      '[A](https://a.example/) [B](https://b.example/)',
    ],
    [
      'parentheses in URLs are encoded',
      '<a href="https://x.example/a_(b)">x</a>',
      '[x](https://x.example/a_%28b%29)',
    ],
    ['paragraphs', '<p>First</p><p>Second</p>', 'First\n\nSecond'],
    ['lists', '<ul><li>one</li><li>two</li></ul>after', '- one\n- two\nafter'],
    ['headings', '<h2>Update</h2>text', '**Update**\ntext'],
    [
      'entities',
      'A &amp; B &lt;ok&gt; &quot;q&quot; &#39;s&#39; &#x1F600; &nbsp;x &bogus;',
      'A & B <ok> "q" \'s\' 😀  x &bogus;',
    ],
    ['script and style are dropped with content', 'a<script>alert("x")</script>b<style>p{}</style>c', 'abc'],
    ['comments are dropped', 'a<!-- hidden -->b<!-- unclosed', 'ab'],
    [
      'unknown tags are removed, text kept',
      '<span class="x">kept</span> <img src="x.png"> <font color=red>red</font>',
      'kept  red',
    ],
    ['a lone < is text', 'latency < 5 ms and 3<4', 'latency < 5 ms and 3<4'],
    ['markdown passes through', '**Fixed** in _v2_', '**Fixed** in _v2_'],
    ['kaomoji survive', '(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧ Wow', '(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧ Wow'],
    ['control characters are removed', 'a\u0000b\u0007c', 'abc'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(htmlToDiscordMarkdown(input)).toBe(expected);
  });

  it('never leaves a raw tag behind', () => {
    const body =
      '<div><p>We are <b>investigating</b> <span style="x">login</span> issues.</p>' +
      '<table><tr><td>a</td><td>b</td></tr></table><iframe src="x">inner</iframe>' +
      '<custom-tag attr="1">custom</custom-tag><BR/><P>Upper</P></div>';
    const out = htmlToDiscordMarkdown(body);
    expect(out).not.toMatch(/<\/?[a-zA-Z][^>]*>/);
    expect(out).toContain('**investigating**');
    expect(out).toContain('Upper');
    expect(out).not.toContain('inner');
  });

  it('handles a real GitHub Statuspage body', () => {
    expect(
      htmlToDiscordMarkdown(
        'We are seeing up to 2% of Git SSH connections failing.<br /><br />We have taken suspected problematic hosts out of rotation.',
      ),
    ).toBe(
      'We are seeing up to 2% of Git SSH connections failing.\n\nWe have taken suspected problematic hosts out of rotation.',
    );
  });

  it('reads pathological input (many unclosed tags) as text: empty links go, stray < stay', () => {
    // The conversion is linear (no pattern that backtracks); how fast it is on input like this is
    // not a test's question, what it makes of it is.
    const input = '<a href="https://x.example/">'.repeat(5000) + '<'.repeat(20000) + '<!--'.repeat(5000);
    expect(htmlToDiscordMarkdown(input)).toBe('<'.repeat(20000));
  });
});
