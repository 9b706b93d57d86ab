#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansKR-Regular-dashboard.ttf, the one font the /status dashboard draws
# with (src/dashboard/font.ts). Run by hand only when the font must change; the result is committed, so
# neither `npm ci` nor the bot needs the 50 MB font package or any system font.
#
# Source: Noto Sans KR 2.004 (SIL OFL 1.1), regular weight, from the npm package
# @fontsource/noto-sans-kr@5.3.0 (its "korean" slice already holds ASCII and all 11,172 Hangul
# syllables). Subset with fontTools to printable ASCII, the 2,350 Hangul syllables of KS X 1001
# (the everyday set: every label, and nearly all modern Korean text) and the few typographic symbols
# the labels use, without hinting: 0.42 MB as TTF. The whole syllable block would be 2.3 MB as TTF;
# WOFF2 would be smaller but resvg (the measured alternative) reads only TTF/OTF. A test checks that
# every character of the label table is in the font. The OFL allows subsets; the family keeps its
# name, which is not the font's Reserved Font Name ("Source").
#
# Needs: npm and Python 3 with venv (both already VRCPulse prerequisites). Uses a temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
FONTSOURCE_VERSION=5.3.0
FONTTOOLS_VERSION=4.68.0
BROTLI_VERSION=1.2.1
out=assets/fonts/NotoSansKR-Regular-dashboard.ttf

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@fontsource/noto-sans-kr@$FONTSOURCE_VERSION" >/dev/null && tar xzf ./*.tgz)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION" "brotli==$BROTLI_VERSION"

# KS X 1001 Hangul: EUC-KR rows 0xB0..0xC8, cells 0xA1..0xFE
python3 -c "
import sys
s = ''.join(bytes([r, c]).decode('euc-kr') for r in range(0xB0, 0xC9) for c in range(0xA1, 0xFF))
sys.stdout.write(s)
" >"$work/hangul.txt"

# U+2013 en dash, U+2014 em dash, U+00B7 middle dot, U+2026 ellipsis, U+00D7 multiplication sign
"$work/venv/bin/pyftsubset" "$work/package/files/noto-sans-kr-korean-400-normal.woff2" \
  --unicodes="U+0020-007E,U+00B7,U+00D7,U+2013,U+2014,U+2026" --text-file="$work/hangul.txt" \
  --layout-features='kern' --no-hinting --flavor= \
  --output-file="$out"
# fontsource's static 400 instance still carries the variable font's default-instance names ("Noto
# Sans KR Thin", weight class 400 nonetheless): name it for what it is.
"$work/venv/bin/python" - "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
names = font["name"]
for name_id, value in {1: "Noto Sans KR", 2: "Regular", 3: "2.004;NotoSansKR-Regular;VRCPulse subset",
                       4: "Noto Sans KR Regular", 6: "NotoSansKR-Regular"}.items():
    names.setName(value, name_id, 3, 1, 0x409)
    names.setName(value, name_id, 1, 0, 0)
font.save(sys.argv[1])
PY
cp "$work/package/LICENSE" assets/fonts/OFL.txt
ls -l "$out"
