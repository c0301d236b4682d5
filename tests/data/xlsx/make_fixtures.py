#!/usr/bin/env python3
"""Build the .xlsx fixtures of tests/unit/test_dict.c (run from anywhere;
writes next to this script).  An .xlsx is a ZIP of XML parts: only the
parts a reader needs are written, by hand, with zipfile.

jma_small.xlsx imitates the layout of JMA's multilingual dictionary
(jma_multilingual.xlsx: No., 種別, 情報種別等, 日本語, 14 languages, 備考,
XMLコード表, コード, 更新履歴).  Rows 1-3 are JMA's official translations as
in shared/data/terms/jma-official-terms.tsv (出典：気象庁ホームページ,
Source: Japan Meteorological Agency); the other rows are made up for the
test and say so in 備考 — they are NOT JMA's text.

The bad workbooks each break one thing: not a ZIP, a zip bomb (one part
inflating past the 64 MiB limit), a missing part, malformed XML, a DTD
with entity expansion, a header without the columns of JMA's dictionary.
"""
import io
import os
import unicodedata
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          '</Relationships>')
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

HEADER = ['No.', '種別', '情報種別等', '日本語', '英語', '中国語（簡体）', '中国語（繁体）',
          '韓国語', 'スペイン語', 'ポルトガル語', 'インドネシア語', 'ベトナム語',
          'タガログ語', 'タイ語', 'ネパール語', 'クメール語', 'ビルマ語', 'モンゴル語',
          '備考', 'XMLコード表', 'コード', '更新履歴']


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


class Book:
    """Cells are str (shared string), int (number), ('inline', str) or
    ('rich', [(text, reading or None), ...]) for a shared string made of
    runs, a reading making a phonetic <rPh> run that readers must skip."""

    def __init__(self):
        self.strings, self.index, self.rows = [], {}, []

    def sst(self, key, xml):
        if key not in self.index:
            self.index[key] = len(self.strings)
            self.strings.append(xml)
        return self.index[key]

    def sheet_xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
               f'<worksheet xmlns="{NS}"><sheetData>']
        for r, cells in enumerate(self.rows, 1):
            out.append(f'<row r="{r}">')
            for c, v in enumerate(cells, 1):
                ref = f'{col(c)}{r}'
                if v is None or v == '':
                    continue
                if isinstance(v, int):
                    out.append(f'<c r="{ref}"><v>{v}</v></c>')
                elif isinstance(v, tuple) and v[0] == 'inline':
                    out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v[1])}</t></is></c>')
                elif isinstance(v, tuple) and v[0] == 'rich':
                    runs = ''.join(f'<r><t>{escape(t)}</t></r>' for t, _ in v[1])
                    phon = ''.join(f'<rPh sb="0" eb="1"><t>{escape(p)}</t></rPh>'
                                   for _, p in v[1] if p)
                    i = self.sst(repr(v), f'<si>{runs}{phon}</si>')
                    out.append(f'<c r="{ref}" t="s"><v>{i}</v></c>')
                else:
                    sp = ' xml:space="preserve"' if v != v.strip() else ''
                    i = self.sst(v, f'<si><t{sp}>{escape(v)}</t></si>')
                    out.append(f'<c r="{ref}" t="s"><v>{i}</v></c>')
            out.append('</row>')
        out.append('</sheetData></worksheet>')
        return ''.join(out)

    def sst_xml(self):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="{NS}" count="{len(self.strings)}" '
                f'uniqueCount="{len(self.strings)}">' + ''.join(self.strings) + '</sst>')


def write(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for pname, data in parts:
            zi = zipfile.ZipInfo(pname, date_time=(2026, 3, 26, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data, compresslevel=9)


def parts(book, sheet_name='多言語辞書', drop=()):
    sheet = book.sheet_xml()  # first: it numbers the shared strings
    p = [('[Content_Types].xml', CT), ('_rels/.rels', RELS),
         ('xl/workbook.xml', WB.format(name=sheet_name)),
         ('xl/_rels/workbook.xml.rels', WBRELS),
         ('xl/sharedStrings.xml', book.sst_xml()),
         ('xl/worksheets/sheet1.xml', sheet)]
    return [x for x in p if x[0] not in drop]


# Official rows (jma-official-terms.tsv order: ja en zh-Hans zh-Hant ko pt es ...)
OFFICIAL = {
    'レベル３高潮警報': ['Level 3 Warning (Storm Surge)', '等级3 暴潮警报', '3級暴潮警報',
                   '레벨 3 폭풍 해일 경보', 'Alerta de nivel 3 (marejada)',
                   'Alerta de nível 3 (maré alta)', 'Peringatan Gelombang Pasang Tingkat 3',
                   'Cảnh báo triều cường cấp độ 3',
                   'Antas 3 Babala ng daluyong o pagtaas ng tubig sa dagat',
                   'ประกาศเตือนภัยคลื่นพายุซัดฝั่งระดับ 3', 'श्रेणी ३ उच्च समुद्र सतह चेतावनी',
                   'ការប្រកាសអាសន្នអំពីទឹកឡើងខ្ពស់កម្រិត 3',
                   'အဆင့် ၃ ဒီရေလှိုင်းကြီးလာမှုသတိပေးချက်',
                   '3-р түвшний далайн түлхэлтийн сэрэмжлүүлэг'],
    '大雨': ['Heavy rain', '大雨', '大雨', '폭우', 'Lluvia torrencial', 'Chuva forte',
           'hujan deras', 'Mưa to', 'Malakas na ulan', 'ฝนตกหนัก', 'ठूलो वर्षा',
           'ភ្លៀងធ្លាក់ខ្លាំង', 'မိုးသည်းထန်စွာရွာခြင်း', 'Аадар бороо'],
    '台風情報': ['Tropical Cyclone Information', '台风情报', '颱風情報', '태풍 정보',
             'Información de Tifón', 'Informação sobre o tufão', 'informasi angin topan',
             'Thông tin bão', 'Impormasyon sa Bagyo', 'ข้อมูลพายุไต้ฝุ่น', 'ताइफुन जानकारी',
             'ព័ត៌មានអំពីព្យុះទីហ្វុង',
             'တိုင်ဖုန်းမုန်တိုင်း နှင့်ပက်သက်သော သတင်းအချက်အလက်',
             'Хар салхины талаарх мэдээ'],
}


def good():
    b = Book()
    b.rows.append(['気象庁 多言語辞書（bosaicast のテスト用抜粋・一部改変）'])
    b.rows.append(HEADER)
    def row(no, kind, info, ja, langs, note, table, code, hist):
        b.rows.append([no, kind, info, ja] + langs + [note, table, code, hist])
    # 1: joins WeatherWarning.08.R06 by ja; code written as a number (8 = 08)
    row(1, '用語', '気象警報・注意報', 'レベル３高潮警報', OFFICIAL['レベル３高潮警報'],
        '', 'WeatherWarning', 8, '2026/3/26')
    # 2: joins glossary.heavy-rain; every cell already official
    row(2, '用語', '', '大雨', OFFICIAL['大雨'], '', '', '', '')
    # 3: no shipped row: kept in the staging file.  Japanese as rich text
    # with a phonetic reading that must not leak into the cell.
    row(3, '用語', '台風', ('rich', [('台風', 'たいふう'), ('情報', None)]),
        OFFICIAL['台風情報'], '', '', '', '')
    # 4 (made up): WeatherWarning.14 with a changed Vietnamese cell, a
    # Spanish cell with stray spaces and a decomposed é, No. inline.
    r4 = ['Thunderstorm Advisory', '雷电注意报', '雷電注意報', '뇌우 주의보',
          unicodedata.normalize('NFD', '  Advertencia de tormentas eléctricas \n'),
          'Alerta preventivo de trovoadas', 'Pemberitahuan Petir',
          'Thông tin lưu ý giông sét', 'Payo na mag-ingat sa kidlat at kulog',
          'ประกาศเฝ้าระวังพายุฝนฟ้าคะนอง', 'चट्याङ सावधानी',
          'ការប្រកាសប្រុងប្រយ័ត្នជាមុនអំពីផ្គររន្ទះ', 'မိုးကြိုးပစ်ခြင်း သတိပေးချက်',
          'Аянга цахилгааны анхааруулга']
    b.rows.append([('inline', '4'), '用語', '気象警報・注意報', '雷注意報'] + r4 +
                  ['テスト用に改変（ベトナム語）: not JMA text', 'WeatherWarning', '14', ''])
    # 5 (made up): joins AdditionalCommentEarthquake.0215 by code only
    # (Japanese differs), English changed.
    b.rows.append([5, '文例', '地震情報', 'この地震による津波の心配はない。',
                   'This earthquake poses no tsunami risk.'] + [''] * 13 +
                  ['テスト用に改変: not JMA text', 'AdditionalCommentEarthquake', '0215', ''])
    # a blank row and a section row without Japanese are skipped
    b.rows.append([])
    b.rows.append(['', '見出し'])
    write('jma_small.xlsx', parts(b))


def bad():
    with open(os.path.join(HERE, 'not_a_zip.xlsx'), 'w') as f:
        f.write('No.\t日本語\nthis is a text file, not a workbook\n')
    b = Book()
    b.rows.append(HEADER)
    # zip bomb: the sheet inflates to 65 MiB of whitespace (limit 64 MiB),
    # about 64 KiB compressed.
    big = b.sheet_xml().replace('<sheetData>', '<sheetData>' + ' ' * (65 << 20))
    p = [x if x[0] != 'xl/worksheets/sheet1.xml' else (x[0], big) for x in parts(b)]
    write('bomb.xlsx', p)
    write('missing_part.xlsx', parts(b, drop=('xl/worksheets/sheet1.xml',)))
    p = [x if x[0] != 'xl/worksheets/sheet1.xml' else
         (x[0], f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"')
         for x in parts(b)]
    write('malformed.xlsx', p)
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
           '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
           f'<sst xmlns="{NS}"><si><t>&c;</t></si></sst>')
    p = [x if x[0] != 'xl/sharedStrings.xml' else (x[0], lol) for x in parts(b)]
    write('dtd.xlsx', p)
    w = Book()
    w.rows.append([h for h in HEADER if h not in ('モンゴル語', 'コード')])
    w.rows.append([1, '用語', '', '大雨', 'Heavy rain'])
    write('wrong_header.xlsx', parts(w))


if __name__ == '__main__':
    good()
    bad()
