#!/usr/bin/env python3
"""import_jma_places.py [--tool BUILD/tools/derive_places] SHARED_DATA_DIR OUT_DIR

Developer tool, run by hand (never by the build or the tests): turn JMA's
place data and code tables under SHARED_DATA_DIR (the ../shared/data of a
checkout) into the compact TSV files that src/places.c loads at start-up,
written to OUT_DIR (normally data/places).

    cmake --build build --target derive_places
    scripts/import_jma_places.py --tool build/tools/derive_places \
        ../shared/data data/places

The tool (tools/derive_places.c, the project's own C code: ICU
romanisation, Hangul, the Chinese character mapping) may also be named by
BC_DERIVE_PLACES; the default is build/tools/derive_places.

Outputs (UTF-8, LF, one header row, rows sorted by code, so a re-run on the
same input gives no diff):

    city.tsv       municipalities: the routing unit (BC_AREA_CITY)
    subarea.tsv    7-digit areas that are not municipalities (BC_AREA_CITY):
                   warning sub-areas (仙台市東部), designated cities (札幌市),
                   other AreaInformationCity divisions (横浜市北部)
    pref.tsv       prefectures (BC_AREA_PREF)
    forecast.tsv   forecast areas: offices, class10s, class15s (BC_AREA_FORECAST)
    quake.tsv      seismic-information areas (BC_AREA_QUAKE)
    epicenter.tsv  epicentre regions (BC_AREA_EPICENTER)
    eew.tsv        EEW regions (BC_AREA_EEW)
    tsunami.tsv    tsunami forecast areas (BC_AREA_TSUNAMI)
    volcano.tsv    volcanoes (BC_AREA_VOLCANO)
    river.tsv      rivers of the flood forecasts (BC_AREA_RIVER, 10 digits)
    flood.tsv      flood-forecast areas (BC_AREA_RIVER, 12 digits)
    expand.tsv     type, code, the municipalities it covers
    kanji_zh.tsv   the Japanese → Chinese character mapping (tool and tests)

Name tables have the columns: code, the 16 languages in the order of
src/lang.h, provenance.  A cell is empty when the language is not available;
the loader then falls back to English, then to the code.  The provenance
starts with "derived" where the non-Japanese names were derived by the
project (place_names.py) rather than taken from JMA; see data/NOTICE.md.

Every value is NFC-normalised and trimmed; runs of white space (including
zero-width spaces next to a space) are collapsed to one space; JMA's
Mongolian homoglyphs, katakana middle dots and Japanese-only kanji in
Chinese are mended, and the errata, words and disambiguators listed in
data/NOTICE.md corrected (counted in the report).  Nothing else in JMA's
text is changed.
"""

import collections
import csv
import json
import os
import re
import sys
import unicodedata

import place_names

HERE = os.path.dirname(os.path.abspath(__file__))
LANG_H = os.path.join(HERE, '..', 'src', 'lang.h')

SPLIT_REGION = '気象庁予報警報規程別表第四の二に示す'


def die(msg):
    sys.exit('import_jma_places: ' + msg)


def read_langs():
    """(tag, JMA column) in the order of src/lang.h, so the files cannot
    drift from the program's per-language arrays."""
    text = open(LANG_H, encoding='utf-8').read()
    rows = re.findall(r'X\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*"[^"]*"\s*,'
                      r'\s*"([^"]*)"', text)
    if len(rows) != 16 or rows[0][0] != 'ja' or rows[1][0] != 'ja-x-easy':
        die('cannot read the language table of %s' % LANG_H)
    return rows


EDITS = collections.Counter()


def clean(v, what='code tables'):
    """NFC, trim, collapse inner white space.  Counts what it changed."""
    orig = v
    v = unicodedata.normalize('NFC', v)
    if v != orig:
        EDITS[what, 'NFC changed'] += 1
    t = v.strip().strip('\u200b\ufeff').strip()
    if t != v:
        EDITS[what, 'trimmed'] += 1
    # A run of white space, or zero-width spaces next to a space, becomes
    # one space; zero-width spaces between letters (Khmer word breaks)
    # stay.
    w = re.sub(r'[\s\u200b\ufeff]+',
               lambda m: ' ' if any(c.isspace() for c in m.group())
               else m.group(), t)
    if w != t:
        EDITS[what, 'inner space collapsed'] += 1
    if re.search(r'[\x00-\x1f\x7f]', w):
        die('control character in %r' % orig)
    return w


def read_csv(path, header=False):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    if header:
        return rows[0], rows[1:]
    return rows


def easy(ja, kana):
    return '%s（%s）' % (ja, kana) if kana else ja


class Table:
    def __init__(self, name, code_len):
        self.name = name
        self.code_len = code_len
        self.rows = {}

    def add(self, code, names, prov):
        if not re.fullmatch(r'[0-9]{%d}' % self.code_len, code):
            die('%s: bad code %r' % (self.name, code))
        if code in self.rows:
            die('%s: duplicate code %s' % (self.name, code))
        if not names.get('ja'):
            die('%s: %s has no Japanese name' % (self.name, code))
        self.rows[code] = (names, prov)

    def write(self, out_dir, langs):
        path = os.path.join(out_dir, self.name + '.tsv')
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('\t'.join(['code'] + [t for t, _ in langs] +
                              ['provenance']) + '\n')
            for code in sorted(self.rows):
                names, prov = self.rows[code]
                cells = [code] + [names.get(t, '') for t, _ in langs] + [prov]
                for c in cells:
                    if '\t' in c or '\n' in c:
                        die('%s: tab or newline in %r' % (self.name, c))
                f.write('\t'.join(cells) + '\n')
        return path


# Latin letters JMA's Mongolian names use in place of the Cyrillic ones
# they look like (Киконaй: the "a" is U+0061).
# (No y: it could stand for у or ү.)
HOMOGLYPHS = str.maketrans('aeopcxABEHKMOPCTX',
                           'аеорсхАВЕНКМОРСТХ')
CYRILLIC_WORD = re.compile(r'[\w\u0400-\u04ff]+')


def fix_mongolian(v):
    """Latin homoglyphs inside a word that has Cyrillic letters become
    Cyrillic; Latin words (none in JMA's data) stay."""
    def word(m):
        w = m.group()
        if re.search('[\u0400-\u04ff]', w) and re.search('[A-Za-z]', w):
            t = w.translate(HOMOGLYPHS)
            EDITS['jma-place-data', 'mn Latin homoglyph letters'] += sum(
                1 for a, b in zip(w, t) if a != b)
            return t
        return w
    t = CYRILLIC_WORD.sub(word, v)
    if t != v:
        EDITS['jma-place-data', 'mn names with Latin homoglyphs'] += 1
    if re.search('[A-Za-z]', t) and re.search('[\u0400-\u04ff]', t):
        die('Latin left in Mongolian %r' % t)
    return t


def fix_middle_dot(tag, v):
    """U+30FB KATAKANA MIDDLE DOT is Japanese punctuation: in Chinese the
    interpunct U+00B7, elsewhere the same set off by spaces, as JMA's
    English writes it (Central · Western)."""
    if '\u30fb' not in v:
        return v
    EDITS['jma-place-data', 'katakana middle dot replaced'] += 1
    if tag in ('zh-Hans', 'zh-Hant'):
        return re.sub(r'\s*\u30fb\s*', '\u00b7', v)
    return re.sub(r'\s*\u30fb\s*', ' \u00b7 ', v)


# Errors in JMA's multilingual place dictionary (the edition in
# ../shared/data/places), found by comparing each Latin-script name with the
# English one (a municipality or prefecture must carry the same proper
# noun): a name that is another place, or a machine translation of the
# kanji (野迫川 → "Mũi", nose; 宇佐 → "Hoa Kỳ", USA).  (ja name, language,
# JMA's text) → the corrected text; a correction whose JMA text no longer
# matches is reported, so a new edition is checked again.  Counted in
# NOTICE.md's edit list as "erratum corrected".
ERRATA = {
    ('宮崎県', 'id', 'Prefektur Miyagi'): 'Prefektur Miyazaki',
    ('宮城県北部', 'id', 'Bagian Utara Prefektur Iwate'):
        'Bagian Utara Prefektur Miyagi',
    ('常総市', 'es', 'Ciudad de Hitachi'): 'Ciudad de Joso',
    ('上ノ国町', 'es', 'Pueblo de Kikonai'): 'Pueblo de Kaminokuni',
    ('美浦村', 'es', 'Aldea de Miura'): 'Aldea de Miho',
    ('江津市', 'es', 'Ciudad de Kōzu'): 'Ciudad de Gotsu',
    ('北竜町', 'es', 'Pueblo de Kokuryu'): 'Pueblo de Hokuryu',
    ('石狩市', 'es', 'Ciudad de Ishigari'): 'Ciudad de Ishikari',
    ('二戸市', 'es', 'Ciudad de Nihohe'): 'Ciudad de Ninohe',
    ('岩泉町', 'es', 'Pueblo de Iwazumi'): 'Pueblo de Iwaizumi',
    ('にかほ市', 'es', 'Ciudad de Nokaho'): 'Ciudad de Nikaho',
    ('礼文町', 'es', 'Pueblo de Rubun'): 'Pueblo de Rebun',
    ('幸手市', 'es', 'Ciudad de Sattsute'): 'Ciudad de Satte',
    ('北九州戸畑区', 'es', 'DistritoTobata, Kitakyushu'):
        'Distrito Tobata, Kitakyushu',
    ('佐井村', 'id', 'desa Village'): 'Desa Sai',
    ('八頭町', 'vi', 'thị trấn Yemo'): 'thị trấn Yazu',
    ('豊後大野市', 'vi', 'thành phố Bungo'): 'thành phố Bungo Ohno',
    ('野迫川村', 'vi', 'làng Mũi'): 'làng Nosegawa',
    ('宇佐市', 'vi', 'thành phố Hoa Kỳ'): 'thành phố Usa',
    ('長野南牧村', 'vi', 'Làng Nammoku, Nagano'): 'Làng Minamimaki, Nagano',
    ('川西市', 'vi', 'thành phố Kaw Biếni'): 'thành phố Kawanishi',
    ('笠松町', 'vi', 'thị trấn Kasaha'): 'thị trấn Kasamatsu',
    ('長与町', 'vi', 'thị trấn Nag'): 'thị trấn Nagayo',
    ('板柳町', 'vi', 'thị trấn Itayaagi'): 'thị trấn Itayanagi',
    ('那須烏山市', 'vi', 'thành phố Nasukarauyama'):
        'thành phố Nasukarasuyama',
    # Found transliterating the Cyrillic back to Latin: another town.
    ('仙台宮城野区', 'mn', 'Токачи тайки жижиг хот'): 'Сэндай Миягино дүүрэг',
    # Found reviewing the golden payloads (2026), then by the same checks
    # over every name: letters swapped, doubled or cut, a word split in
    # the wrong place, a kanji read in Sino-Korean or transliterated
    # rather than translated (沖 오키, 湾 완), a reading of another place.
    # Non-Latin scripts: compared with the project's own transliteration
    # of the reading (bc_derive_script) and with JMA's spelling of the
    # same syllables in other names.
    ('福島県浜通り', 'zh-Hans', '福岛县滨通道'): '福岛县滨通',
    ('福島県中通り', 'zh-Hans', '福岛县中通道'): '福岛县中通',
    # 吐噶喇 as JMA's own zh-Hant and common Chinese usage write it.
    ('トカラ列島近海', 'zh-Hans', '吐葛剌列岛近海'): '吐噶喇列岛近海',
    ('三陸沖', 'ko', '산리 쿠바다'): '산리쿠 앞바다',
    ('十勝沖', 'ko', '도카치 오키'): '도카치 앞바다',
    ('浦河沖', 'ko', '우라카와 오키'): '우라카와 앞바다',
    ('四国沖', 'ko', '시코쿠 오키'): '시코쿠 앞바다',
    # 시마네 현 오키 reads as 隠岐 (Oki), islands of Shimane.
    ('島根県沖', 'ko', '시마네 현 오키'): '시마네 현 앞바다',
    ('京都府沖', 'ko', '쿄토부 오키'): '교토부 앞바다',
    ('新潟県上中越沖', 'ko', '니가타 현상 주에쓰 오키'):
        '니가타 현 조에쓰·주에쓰 앞바다',
    # 下越 is かえつ (Kaetsu), not しもごえ.
    ('新潟県下越地方', 'ko', '니가타 현 시모고에 지방'):
        '니가타 현 가에쓰 지방',
    ('新潟県下越沖', 'ko', '니가타 현 시모고에 바다'): '니가타 현 가에쓰 바다',
    ('択捉島付近', 'ko', '이투 루프 섬 부근'): '이투루프 섬 부근',
    ('択捉島南東沖', 'ko', '이투 루프 섬 남동쪽 바다'):
        '이투루프 섬 남동쪽 바다',
    ('東海道南方沖', 'ko', '도카이도남쪽 바다'): '도카이도 남쪽 바다',
    ('豊後水道', 'ko', '풍후수도'): '분고 수도',
    ('播磨灘', 'ko', '파마탄'): '하리마 나다',
    # 日向灘 is ひゅうがなだ (Hyuga), not ひなた.
    ('日向灘', 'ko', '히나타 나다'): '휴가 나다',
    ('伊勢湾', 'ko', '이세완'): '이세만',
    ('橘湾', 'ko', '타치바나완'): '다치바나만',
    ('豊後水道', 'es', 'Canal de Bongo'): 'Canal de Bungo',
    # 周防 is すおう (Suo; pt: Suō-nada).
    ('周防灘', 'es', 'Mar de Shubou'): 'Mar de Suo',
    ('三重県中部', 'pt', 'Regiõ central da Província de Mie'):
        'Região central da Província de Mie',
    ('三重県南部', 'pt', 'Regiõ sul da Província de Mie'):
        'Região sul da Província de Mie',
    # Khmer: តំបន់ (region) without its ់, or with it after the wrong
    # letter.
    ('山形県置賜地方', 'km', 'តំបនអូគីតាម៉ា់នៃខេត្ដយ៉ាម៉ាហ្គាតា'):
        'តំបន់អូគីតាម៉ានៃខេត្ដយ៉ាម៉ាហ្គាតា',
    ('愛媛県中予', 'km', 'តំបនជូយោនៃខេត្ដអិហិមិ'):
        'តំបន់ជូយោនៃខេត្ដអិហិមិ',
    ('長崎県島原半島', 'km', 'តំបនឧបទ្វីបស៊ីម៉ាបារ៉ានៃខេត្ដណាហ្គាសាគី'):
        'តំបន់ឧបទ្វីបស៊ីម៉ាបារ៉ានៃខេត្ដណាហ្គាសាគី',
    # Burmese, as JMA writes 豊 (豊田 တိုယိုတာ), 富 (吉富 ယိုရှိတိုမိ),
    # 大宮 and 浦 (浦添 ဥရဆော့အဲ့) elsewhere.
    ('豊富町', 'my', 'တိုရိုတောမိ မြို့နယ်'): 'တိုယိုတိုမိ မြို့နယ်',
    ('さいたま大宮区', 'my', 'ဆိုင်းတမအိအိမိယရပ်ကွက်'):
        'ဆိုင်းတမအိုမိယရပ်ကွက်',
    ('さいたま浦和区', 'my', 'ဆိုင်းတမအုချိဝရပ်ကွက်'):
        'ဆိုင်းတမဥရဝရပ်ကွက်',
    # Thai: う is อุ (อุระคาวะ); ころ as in JMA's โตโยโคโระ (豊頃).
    ('宇和島市', 'th', 'เมืองอิวะจิมะ'): 'เมืองอุวะจิมะ',
    ('所沢市', 'th', 'เมืองโทโรโระซาวา'): 'เมืองโทโคโระซาวา',
    # Mongolian: Kumamoto as JMA's other names of it write it (Күмамото
    # аймаг, Асо муж); 浦 as in Үракава; 伊豆大島 as in its epicentre
    # name (Огашима is 青ヶ島, another island).
    ('熊本県', 'mn', 'Күматомо аймаг'): 'Күмамото аймаг',
    ('さいたま浦和区', 'mn', 'Сайтама Ураварава дүүрэг'):
        'Сайтама Үрава дүүрэг',
    ('山形金山町', 'mn', 'Ямагатата Канэяма жижиг хот'):
        'Ямагата Канэяма жижиг хот',
    ('伊豆大島町', 'mn', 'Изүо Огашима жижиг хот'): 'Изү-Ошима жижиг хот',
    ('上天草市', 'mn', 'Камкамиамакүса хот'): 'Камиамакүса хот',
    # Second review of the golden payloads (2026).  Khmer 大分 as Oita
    # (អូតា is Ota, another city); the rest of 大分 in WORD_ERRATA.
    ('大分県', 'km', 'ខេត្ដ អូតា'): 'ខេត្ដ អូអ៊ីតា',
    # Burmese: a same-named municipality's prefecture or subprefecture
    # fused into the name and garbled (နယကမိ: "Nayakami"), set off in
    # parentheses instead; readings as the project's transliteration.
    ('奈良川上村', 'my', 'နယကမိရွာ'): 'ခါဝါကာ့မိ ကျေးရွာ (နာရာ)',
    ('奈良川西町', 'my', 'နယကဝနိရှိမြို့နယ်'): 'ခါဝါနိရှိ မြို့နယ် (နာရာ)',
    ('宗谷枝幸町', 'my', 'ဆိုးယအဲဆရှိမြို့နယ်'): 'အဲ့ဆာ့ရှိ မြို့နယ် (ဆိုယ)',
    # "Sanyika beach": 三陸沖 is offshore.
    ('三陸沖', 'my', 'ဆန်းယိကကမ်းခြေ'): 'ဆန်ရိကု ကမ်းလွန်ပင်လယ်',
    # 行田 ぎょうだ (not よだ), 上里 かみさと (not はまさと), 三戸 さんのへ.
    ('行田市', 'my', 'ယိုးဒါ့ မြို့'): 'ဂျိုဒ မြို့',
    ('上里町', 'my', 'ဟာမိဆာတို မြို့နယ်'): 'ခါမိဆာ့တို မြို့နယ်',
    ('三戸町', 'my', 'ဆန်းဟိုဟဲ့ မြို့နယ်'): 'ဆန်နိုဟဲ့ မြို့နယ်',
    # Mongolian: the prefecture fused into the name (Наракава Ками).
    ('奈良川上村', 'mn', 'Наракава Ками тосгон'): 'Каваками тосгон (Нара)',
    ('奈良川西町', 'mn', 'Наракава Ниши жижиг хот'):
        'Каваниши жижиг хот (Нара)',
    # Chinese: 上里 printed 山里; 陸奧 with the traditional 奧 (JMA's
    # zh-Hant writes 陸奧 in no other name because it has no other); 内陆
    # 地 doubles 地 ("inland land").
    ('上里町', 'zh-Hans', '山里町'): '上里町',
    ('陸奥湾', 'zh-Hant', '陸奥灣'): '陸奧灣',
    ('岩手県内陸北部', 'zh-Hans', '岩手县内陆地北部'): '岩手县内陆北部',
    ('岩手県内陸南部', 'zh-Hans', '岩手县内陆地南部'): '岩手县内陆南部',
    ('秋田県内陸北部', 'zh-Hans', '秋田县内陆地北部'): '秋田县内陆北部',
    ('秋田県内陸南部', 'zh-Hans', '秋田县内陆地南部'): '秋田县内陆南部',
    # Korean: 南予 なんよ, 中予 ちゅうよ (read in Sino-Korean 남여, 중여);
    # 高取町 is a town (정); 浜通り one word (and 현 attached below).
    ('愛媛県南予', 'ko', '에히메현 남여'): '에히메현 난요',
    ('愛媛県中予', 'ko', '에히메현 중여'): '에히메현 주요',
    ('高取町', 'ko', '다카토리 촌'): '다카토리 정',
    ('福島県浜通り', 'ko', '후쿠시마 현 하마 도리'): '후쿠시마현 하마도리',
    # Spanish: 十津川 とつかわ; Portuguese: the reading in parentheses
    # repeats the name, and Okinawa lacked its type word.
    ('十津川村', 'es', 'Aldea de Totsugawa'): 'Aldea de Totsukawa',
    ('東京都', 'pt', 'Metrópole de Tóquio (Tōkyō)'): 'Metrópole de Tóquio',
    ('沖縄県', 'pt', 'Okinawa'): 'Província de Okinawa',
    # Nepali: 御所 ごせ, 下北山 しもきたやま, 陸奥 むつ (बे → खाडी below),
    # and Okinawa with JMA's word for prefecture elsewhere.
    ('御所市', 'ne', 'होसे सहर'): 'गोसे सहर',
    ('下北山村', 'ne', 'शिओकितायामा गाउँ'): 'शिमोकितायामा गाउँ',
    ('陸奥湾', 'ne', 'मुचु बे'): 'मुत्सु खाडी',
    ('沖縄県', 'ne', 'ओकिनावा प्रीफेक्चर'): 'ओकिनावा जिल्ला',
    # Thai: 東秩父 ひがしちちぶ, 安堵 あんど, 真鶴 まなづる, 江北 こうほく.
    ('東秩父村', 'th', 'หมู่บ้านฮิงาชิอิจิบุ'): 'หมู่บ้านฮิงาชิจิจิบุ',
    ('安堵町', 'th', 'เมืองอันโะ'): 'เมืองอันโดะ',
    ('真鶴町', 'th', 'เมืองมานาซารุ'): 'เมืองมานาซูรุ',
    ('江北町', 'th', 'เมืองโคโฮขุ'): 'เมืองโคโฮกุ',
    # Khmer readings, as the project's transliteration writes them:
    # 東秩父 (ジジジ), 下呂 げろ, 陸奥 むつ, 白岡 しらおか, 幸手 さって,
    # 生駒 いこま, 葛城 かつらぎ.
    ('東秩父村', 'km', 'ភូមិ ហ៊ីកាស៊ីជីជីជីប៊ូ'): 'ភូមិ ហ៊ីហ្គាស៊ីឈីឈីប៊ូ',
    ('下呂市', 'km', 'ទីក្រុង ជ័ររ៉ូ'): 'ទីក្រុង ហ្គេរ៉ូ',
    ('陸奥湾', 'km', 'ឈូងសមុទ្រយមឺហ្សឹ'): 'ឈូងសមុទ្រមូតស៊ូ',
    ('白岡市', 'km', 'ទីក្រុង សៀអូកា'): 'ទីក្រុង ស៊ីរ៉ាអូកា',
    ('幸手市', 'km', 'ទីក្រុង សាត'): 'ទីក្រុង សាតតេ',
    ('生駒市', 'km', 'ទីក្រុង អាយខូម៉ា'): 'ទីក្រុង អ៊ីកូម៉ា',
    ('葛城市', 'km', 'ទីក្រុង កាស៊ូរ៉ាជី'): 'ទីក្រុង កាតស៊ូរ៉ាហ្គី',
}
ERRATA_USED = set()

# A word JMA writes wrongly, or several ways, in every name of one place:
# (language, a Japanese part of the name, JMA's word) → the word, applied
# after ERRATA where the Japanese name contains that part.  The spelling
# kept is the prefecture's own where JMA's is right, otherwise the
# project's transliteration of the reading.  Counted as "erratum
# corrected" per name.
WORD_ERRATA = {
    # Khmer: 大分 as អូតា (Ota) and អយតាក់; 愛媛 and 岩手 three ways.
    ('km', '大分', 'អយតាក់'): 'អូអ៊ីតា', ('km', '大分', 'អយតា'): 'អូអ៊ីតា',
    ('km', '愛媛', 'អេហីម'): 'អេហ៊ីមេ', ('km', '愛媛', 'អិហិមិ'): 'អេហ៊ីមេ',
    ('km', '岩手', 'អ៊ីវ៉ាតិ'): 'អ៊ីវ៉ាតេ', ('km', '岩手', 'អាយវ៉ាតេ'): 'អ៊ីវ៉ាតេ',
    # Burmese: 愛媛 "Eshime", 兵庫 "Chogo", 神奈川 with ဏ; さいたま three
    # ways (the prefecture's kept).
    ('my', '愛媛', 'အဲသျှီမဲ့'): 'အဲ့ဟိမဲ့', ('my', '兵庫', 'ချိုးဂို'): 'ဟျိုဂို',
    ('my', '神奈川', 'ခန်ဏဂါးဝ'): 'ခါနာဂါ့ဝ',
    ('my', 'さいたま', 'ဆိုင်းတမ'): 'ဆိုက်တာ့မ',
    ('my', '埼玉', 'ဆိုင်းတမ'): 'ဆိုက်တာ့မ',
    # Korean: か/た/く at the start of a word are voiced (외래어 표기법),
    # as JMA writes the same places elsewhere (가와사키, 구마모토).
    ('ko', '香川', '카가와'): '가가와', ('ko', '高山', '타카야마'): '다카야마',
    ('ko', '熊本', '쿠마모토'): '구마모토', ('ko', '川崎', '카와사키'): '가와사키',
    ('ko', '上川', '카미카와'): '가미카와',
    ('ko', '加賀', '카가'): '가가',
    ('ko', '十勝', '토카치'): '도카치', ('ko', '千葉', '치바'): '지바',
    ('ko', '東京', '토쿄'): '도쿄', ('ko', '鶴見', '츠루미'): '쓰루미',
    ('ko', '小菅', '코스게'): '고스게', ('ko', '江南', '코난'): '고난',
    ('ko', '北見', '키타미'): '기타미', ('ko', '釧路', '쿠시로'): '구시로',
    ('ko', '苫小牧', '토마코마이'): '도마코마이', ('ko', '富山', '토야마'): '도야마',
    ('ko', '土佐', '토사만'): '도사만',
    # and words split or cut: 神奈川 "카나강", 筑豊 ちくほう, 三八上北,
    # 置賜 おきたま, 芦北 あしきた, 有明海 (海 transliterated 카이).
    ('ko', '神奈川', '카나강 현'): '가나가와현', ('ko', '筑豊', '츠쿠호'): '지쿠호',
    ('ko', '三八上北', '산파치 카미 키타'): '산파치 가미키타',
    ('ko', '置賜', '오키 타마'): '오키타마', ('ko', '芦北', '아시 키타'): '아시키타',
    ('ko', '有明海', '아리아케 카이'): '아리아케 해',
    # Nepali: 香川 かがわ, 鹿児島 かごしま (ख is kh).
    ('ne', '香川', 'खागावा'): 'कागावा', ('ne', '鹿児島', 'खागोसिमा'): 'कागोशिमा',
    # Nepali "बे" (English bay) → खाडी, the project's word.
    ('ne', '湾', ' बे'): ' खाडी',
}
WORD_ERRATA_USED = set()

# Characters JMA's Chinese names write wrongly wherever they occur, as
# (language, JMA's character, the Japanese character it stands for) → the
# right one.  Applied only where the Japanese name has that character
# (any name for '') and not JMA's: 予 of 伊予 is not 预 (prepare); 谷
# (valley) is 谷 in traditional Chinese too, 穀 (grain) is a converter's
# error; 髙 is the Japanese variant of 高 (also in 新ひだか町 新日髙町).
# Counted as "erratum corrected" per name.
ZH_CHAR_ERRATA = {
    ('zh-Hans', '预', '予'): '予',
    ('zh-Hant', '穀', '谷'): '谷',
    ('zh-Hant', '髙', ''): '高',
    # 里 (village) is not 裡 (inside): 美里町 美裡町; 眞 is an old variant.
    ('zh-Hant', '裡', '里'): '里',
    ('zh-Hant', '眞', '真'): '真',
}
ZH_CHAR_ERRATA_USED = set()


def jma_names(row, hdr, langs):
    """The 15 languages of one row of JMA's multilingual dictionary, with
    the two upstream problems above mended and ERRATA corrected."""
    col = {h: i for i, h in enumerate(hdr)}
    names = {}
    for tag, jcol in langs:
        if jcol:
            v = clean(row[col[jcol]], 'jma-place-data')
            if tag == 'mn':
                v = fix_mongolian(v)
            names[tag] = v if tag == 'ja' else fix_middle_dot(tag, v)
    for tag in list(names):
        key = (names.get('ja'), tag, names[tag])
        if key in ERRATA:
            names[tag] = ERRATA[key]
            ERRATA_USED.add(key)
            EDITS['jma-place-data', 'erratum corrected'] += 1
        v = names[tag]
        for (t, bad, ja_c), good in ZH_CHAR_ERRATA.items():
            if t == tag and bad in v and ja_c in names['ja'] and \
                    bad not in names['ja']:
                v = v.replace(bad, good)
                ZH_CHAR_ERRATA_USED.add((t, bad, ja_c))
        for (t, ja_part, bad), good in WORD_ERRATA.items():
            if t != tag or ja_part not in names['ja']:
                continue
            # Korean: the start of a word only (니시토쿄 is right).
            pat = ('(?<![가-힣])' if t == 'ko' else '') + re.escape(bad)
            w = re.sub(pat, good, v)
            if w != v:
                v = w
                WORD_ERRATA_USED.add((t, ja_part, bad))
        if v != names[tag]:
            names[tag] = v
            EDITS['jma-place-data', 'erratum corrected'] += 1
    mend_words(names)
    return names


def mend_words(names):
    """Words JMA's names get wrong in every name that has them."""
    def edit(tag, v, what):
        if v != names[tag]:
            names[tag] = v
            EDITS['jma-place-data', what] += 1
    # Mongolian: 沖 as "офшор" (an offshore company) → далайн хэсэг (sea
    # area; the genitive before it is JMA's), 湾 as "Бая" → булан.
    v = names.get('mn', '')
    v = re.sub(r'\s*офшор$', ' далайн хэсэг', v)
    v = re.sub(r'\bБая(-ын|гийн)', 'булангийн', v)
    v = re.sub(r'\bБая\b', 'булан', v)
    edit('mn', v, 'mn 沖 офшор / 湾 Бая replaced')
    # Korean: 현 attached to the prefecture's name, as JMA's names of the
    # prefectures write it (후쿠시마 현 아이즈 → 후쿠시마현 아이즈).
    v = names.get('ko', '')
    edit('ko', re.sub(r'(?<=[가-힣]) 현(?= |$)', '현', v),
         'ko 현 attached')
    # Spanish: romanisations that JMA's English writes otherwise (Hannou,
    # Honjyo, Shimo-kitayama; en Hanno, Honjo, Shimokitayama), only where
    # the English has the mended word; and "deTakinoue".
    v = names.get('es', '')
    en = names.get('en', '')
    plain = lambda w: unicodedata.normalize('NFD', w).encode(
        'ascii', 'ignore').decode().lower()
    en_words = set(plain(w) for w in re.findall(r"[^\W\d_]+", en))
    def word(m):
        w = m.group()
        c = re.sub('(?<=[a-zō])-(?=[a-zō])', '', w)
        c = c.replace('jy', 'j').replace('ou', 'o').replace('Ou', 'O')
        c = c.replace('oo', 'o')
        return c if c != w and plain(c) in en_words else w
    v = re.sub(r'[^\W\d_]+(?:-[^\W\d_]+)*', word, v)
    v = re.sub(r'\bde(?=[A-Z])', 'de ', v)
    edit('es', v, 'es romanisation as the English')


# Municipalities JMA's dictionary names twice (青森南部町, 奈良川上村) carry
# the prefecture or subprefecture after a comma ("Nanbu Town, Aomori"):
# in a list of places that reads as one more place, so it is set off in
# parentheses ("Nanbu Town (Aomori)").  Wards of designated cities the
# same ("Chuo Ward (Sapporo)").
DISAMBIG_LANGS = ('en', 'es', 'pt', 'id', 'vi', 'tl')


def mend_city(names, what='jma-place-data'):
    """Type words and disambiguators of JMA's municipality names."""
    ward = names['ja'].endswith('区')
    for tag in DISAMBIG_LANGS:
        v = names.get(tag, '')
        w = v
        if tag == 'pt':
            # 区 is a distrito (as most of JMA's wards), not a bairro.
            if ward:
                w = w.replace('bairro de', 'distrito de')
            # "Osaka, cidade de Sakai, distrito de Higashi"
            w = re.sub(r'^([^,]+), (cidade de [^,]+), (distrito de .+)$',
                       r'\3 (\2, \1)', w)
            # "Aomori, bairro de Nambu", "Nara, Kawakami-mura"
            w = re.sub(r'^([^,]+), ((?:bairro|cidade|distrito|povoado) de '
                       r'.+)$', r'\2 (\1)', w)
            w = re.sub(r'^([^,]+), (\S+)-mura$', r'povoado de \2 (\1)', w)
            # 町 is a municipality, not a neighbourhood (bairro).
            w = re.sub(r'\b([bB])airro de', lambda m: (
                'v' if m.group(1) == 'b' else 'V') + 'ila de', w)
        if tag == 'vi' and ward:
            # 区: quận (district), not phường (sub-ward).
            w = re.sub(r'^(?:[pP]hường|[tT]hành phố) ?', 'quận ', w)
        if tag == 'es':
            # Tokyo's wards: "Distrito Toshima (Toshima-ku), Tokio"
            w = re.sub(r' \([^(),]+-ku\)(?=,)', '', w)
        # "Higashi Ward, Sakai City, Osaka" → "… (Sakai City, Osaka)"
        w = re.sub(r'^([^,()]+), ([^()]+)$', r'\1 (\2)', w)
        if w != v:
            names[tag] = w
            EDITS[what, 'municipality type word or '
                  'disambiguator mended'] += 1
    v = names.get('th', '')
    if ward and v.startswith('เมือง'):
        # 区 as เขต (district), as Bangkok's, not เมือง (town).
        names['th'] = 'เขต' + v[len('เมือง'):]
        EDITS[what, 'municipality type word or '
              'disambiguator mended'] += 1


# ---- the Chinese character mapping (DESIGN §2) ---------------------------

# Where JMA's own official names disagree on a character, the form a reader
# of that script expects (reviewed by hand; each is listed with JMA's counts
# in the report).  髙 is a variant of 高, 築 and 澱 are other words than 筑
# (筑波) and 淀 (淀川); the others settle ties.
ZH_OVERRIDE = {
    ('zh-Hant', '高'): '高', ('zh-Hant', '筑'): '筑', ('zh-Hant', '淀'): '淀',
    ('zh-Hant', '栃'): '栃', ('zh-Hant', '隠'): '隱', ('zh-Hant', '壱'): '壹',
    ('zh-Hant', '峡'): '峽', ('zh-Hant', '騨'): '驒', ('zh-Hans', '騨'): '驒',
    ('zh-Hant', '黄'): '黃', ('zh-Hans', '萩'): '萩', ('zh-Hans', '予'): '予',
    ('zh-Hant', '栖'): '栖', ('zh-Hant', '亜'): '亞',
}
ZH_KANA = {'ヶ': '', 'ケ': '', 'の': '之', 'ノ': '之'}
# Characters of derived names that JMA's official names do not contain,
# reviewed by hand (standard simplified / traditional forms): first those
# whose Chinese forms differ from the Japanese, then those written alike.
ZH_REVIEWED = {
    '問': ('问', '問'), '噴': ('喷', '噴'), '園': ('园', '園'),
    '師': ('师', '師'), '幾': ('几', '幾'), '慶': ('庆', '慶'),
    '無': ('无', '無'), '綿': ('绵', '綿'), '聞': ('闻', '聞'),
    '誕': ('诞', '誕'), '讃': ('赞', '讚'), '貞': ('贞', '貞'),
    '鏑': ('镝', '鏑'), '願': ('愿', '願'), '鵡': ('鹉', '鵡'),
    '麗': ('丽', '麗'), '剛': ('刚', '剛'), '婦': ('妇', '婦'),
    '嶽': ('岳', '嶽'), '溝': ('沟', '溝'), '頂': ('顶', '頂'),
    '旛': ('幡', '旛'), '箒': ('帚', '帚'), '体': ('体', '體'),
    '悦': ('悦', '悅'), '槇': ('槙', '槙'),
}
ZH_SAME = ('伽但判匠匹器坪域堤塔夏夜夷姿婁孀尊属岱岳巴床怒思恐打摺放散服'
           '望朱杣柘植椹楠樋櫛沙法派渚湘火燃燧物犀琵琶瓶畔番碓笙第笹羊肘肱'
           '英落藻蛇蜂蹄逆途逢鉢隈雌雪首喰')


def is_han(c):
    o = ord(c)
    return (0x3400 <= o <= 0x4dbf or 0x4e00 <= o <= 0x9fff or
            0xf900 <= o <= 0xfaff or 0x20000 <= o <= 0x3134f)


def build_zh_map(pairs):
    """Character pairs from JMA's official names: for each name whose
    Chinese has as many characters as the Japanese (after dropping ヶ/ケ,
    which JMA drops: 六ヶ所村 → 六所村), character i of one is character i
    of the other.  The majority form wins; ties and reviewed conflicts are
    settled by ZH_OVERRIDE.  Returns ({char: {lang: form}}, stats)."""
    count = {t: collections.defaultdict(collections.Counter)
             for t in ('zh-Hans', 'zh-Hant')}
    stats = collections.Counter()
    for ja, names in pairs:
        for t in count:
            zh = names.get(t, '')
            if not zh:
                continue
            j = ja
            if len(zh) != len(j):
                j = j.replace('ヶ', '').replace('ケ', '')
                if len(zh) == len(j):
                    for c in ja:
                        if c in 'ヶケ':
                            count[t][c][''] += 1
            if len(zh) != len(j):
                stats[t, 'names not aligned'] += 1
                continue
            stats[t, 'names aligned'] += 1
            for a, b in zip(j, zh):
                if is_han(a) or a in ZH_KANA:
                    count[t][a][b] += 1
    out = {}
    conflicts = []
    for t, m in count.items():
        for a, c in m.items():
            best = c.most_common()
            form = best[0][0]
            if (t, a) in ZH_OVERRIDE:
                form = ZH_OVERRIDE[(t, a)]
            elif len(best) > 1 and best[1][1] == best[0][1]:
                die('tie for %s %s: %r — add it to ZH_OVERRIDE' %
                    (t, a, dict(c)))
            if a in ZH_KANA and form != ZH_KANA[a]:
                continue   # kana: only JMA's two habits, never a guess
            if len(c) > 1:
                conflicts.append('%s %s -> %s (JMA: %s)' % (
                    t, a, form or '(dropped)',
                    ', '.join('%s %d' % (k or '(dropped)', n)
                              for k, n in best)))
            out.setdefault(a, {})[t] = form
    for (t, a), form in ZH_OVERRIDE.items():
        out.setdefault(a, {})[t] = form
    for a, (hs, ht) in ZH_REVIEWED.items():
        if a not in out:
            out[a] = {'zh-Hans': hs, 'zh-Hant': ht, 'source': 'project'}
    for a in ZH_SAME:
        if a not in out:
            out[a] = {'zh-Hans': a, 'zh-Hant': a, 'source': 'project'}
    for a, forms in out.items():
        for t in ('zh-Hans', 'zh-Hant'):
            forms.setdefault(t, None)   # seen in one script only
    stats['characters'] = len(out)
    stats['conflicts'] = len(conflicts)
    return out, stats, conflicts


def write_zh_map(path, zmap):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('ja\tzh-Hans\tzh-Hant\tsource\n')
        for a in sorted(zmap):
            hs, ht = zmap[a]['zh-Hans'], zmap[a]['zh-Hant']
            # A character seen in one script only: the other form is the
            # character itself only if it is the same in the seen script.
            if hs is None:
                hs = a if ht == a else None
            if ht is None:
                ht = a if hs == a else None
            if hs is None or ht is None:
                continue
            f.write('%s\t%s\t%s\t%s\n' % (a, hs, ht, zmap[a].get(
                'source', 'jma')))


def read_zh_chars(tool):
    with open(tool.zh_map, encoding='utf-8') as f:
        return [line.split('\t', 1)[0] for line in f.read().splitlines()[1:]]


def mend_official_chinese(tool, zmap, tables):
    """JMA's Chinese names keep a few Japanese-only kanji (秋田県 in
    zh-Hans, 徳島縣 in zh-Hant): each becomes its form in the character
    mapping; nothing else in JMA's Chinese is touched."""
    bad = ['%s %s -> %s' % (t, c, f[t]) for c, f in sorted(zmap.items())
           for t in ('zh-Hans', 'zh-Hant') if t in f
           if f.get(t) and tool.ja_only(f[t])]
    if bad:
        die('Japanese-only forms in the Chinese mapping (add to '
            'ZH_OVERRIDE): ' + ', '.join(bad))
    for tab in tables:
        for code, (names, prov) in tab.rows.items():
            if not prov.startswith('jma-place-data'):
                continue
            for t in ('zh-Hans', 'zh-Hant'):
                v = names.get(t, '')
                if not v or not tool.ja_only(v):
                    continue
                out = []
                for c in v:
                    f = zmap.get(c, {}).get(t)
                    if f is not None and tool.ja_only(c) and \
                            not tool.ja_only(f):
                        out.append(f)
                    else:
                        out.append(c)
                w = ''.join(out)
                if w != v:
                    EDITS['jma-place-data', 'Japanese-only kanji in '
                          'Chinese names replaced'] += 1
                    names[t] = w
                if tool.ja_only(w):
                    die('%s %s %s: Japanese-only kanji left in %r' %
                        (tab.name, code, t, w))


# ---- derived names (place_names.py) ----------------------------------------

PREF_AFFIX = {
    'en': (['Prefecture', 'Metropolis'], True),
    'zh-Hans': (['县', '府', '都'], True), 'zh-Hant': (['縣', '府', '都'], True),
    'ko': (['현', '부', '도'], True),
    'es': (['Prefectura de'], False), 'pt': (['Província de'], False),
    'id': (['Prefektur', 'Ibu Kota'], False),
    'vi': (['Tỉnh', 'Thủ đô'], False), 'tl': (['Prefecture', 'Metropolis'], True),
    'th': (['จังหวัด', 'กรุง'], False), 'ne': (['जिल्ला', 'महानगरपालिका'], True),
    'km': (['ខេត្ត', 'ខេត្ដ'], False), 'my': (['ပြည်နယ်'], True),
    'mn': (['аймаг'], True),
}


def pref_stem(code, tag, name):
    """A prefecture's name without its type word (Aomori, 아오모리); 北海道
    is a name, not a type word."""
    if code == '01' and tag in ('zh-Hans', 'zh-Hant', 'ko'):
        return name
    words, suffix = PREF_AFFIX[tag]
    for w in words:
        if suffix and name.endswith(w):
            return name[:-len(w)].strip()
        if not suffix and name.startswith(w):
            return name[len(w):].strip()
    m = re.fullmatch(r'(.+?) \(.*\)', name)
    return m.group(1) if m else name


# Tsunami forecast areas whose name names no prefecture: the places they
# cover, as prefectures or, for islands, JMA's seismic areas (地震情報
# 細分区域), whose municipalities are listed in PointSeismicIntensity.
TSUNAMI_SCOPE = {
    '120': ['pref 01'], '202': ['pref 02'], '312': ['pref 12', 'pref 13',
                                                    'pref 14'],
    '320': ['quake 354', 'quake 355', 'quake 356', 'quake 357',
            'quake 358'],
    '321': ['quake 359'], '330': ['pref 14'], '341': ['quake 375'],
    '391': ['pref 23', 'pref 24'], '522': ['quake 535'],
    '551': ['quake 575'], '712': ['pref 40', 'pref 41', 'pref 42',
                                  'pref 43'],
    '731': ['quake 735', 'quake 736'],
    '771': ['quake 776', 'quake 777'],
    '772': ['quake 774', 'quake 778', 'quake 779'],
    '800': ['quake 800', 'quake 801', 'quake 802'],
    '801': ['quake 803'], '802': ['quake 804', 'quake 805', 'quake 806',
                                  'quake 807'],
}

# EEW regions (AreaForecastLocalEEW) that are not a whole prefecture, as
# JMA's forecast areas (jma_area.json offices and class10s).  Hokkaido's
# four regions follow JMA's definition of 緊急地震速報の地域名称 (道央 =
# 石狩・空知・後志, 道南 = 渡島・檜山・胆振・日高, 道北 = 上川・留萌・宗谷,
# 道東 = 網走・北見・紋別・釧路・根室・十勝).
EEW_SCOPE = {
    '9011': ['forecast 016000'],
    '9012': ['forecast 017000', 'forecast 015000'],
    '9013': ['forecast 012000', 'forecast 011000'],
    '9014': ['forecast 013000', 'forecast 014100', 'forecast 014030'],
    '9131': ['forecast 130010'],
    '9132': ['forecast 130020', 'forecast 130030'],
    '9133': ['forecast 130040'],
    '9461': ['forecast 460100'], '9462': ['forecast 460040'],
    '9471': ['forecast 471000'], '9472': ['forecast 472000'],
    '9473': ['forecast 473000'], '9474': ['forecast 474000'],
}
# The wide EEW regions (AreaForecastEEW) as the regions above.
EEW_WIDE = {
    '9910': ['9011', '9012', '9013', '9014'],
    '9920': ['9020', '9030', '9040', '9050', '9060', '9070'],
    '9931': ['9080', '9090', '9100', '9110', '9120', '9131', '9140'],
    '9932': ['9132'], '9933': ['9133'],
    '9934': ['9150', '9160', '9170', '9180'], '9935': ['9190', '9200'],
    '9936': ['9210', '9220', '9230', '9240'],
    '9941': ['9250', '9260', '9270', '9280', '9290', '9300'],
    '9942': ['9310', '9320', '9330', '9340', '9350'],
    '9943': ['9360', '9370', '9380', '9390'],
    '9951': ['9400', '9410', '9420', '9430', '9440', '9450', '9461'],
    '9952': ['9462'], '9960': ['9471', '9472', '9473', '9474'],
}
EEW_HOKKAIDO = {'道央': ('どうおう', 'C'), '道南': ('どうなん', 'S'),
                '道北': ('どうほく', 'N'), '道東': ('どうとう', 'E')}
# 津波予報区 that are a prefecture's whole coast, and prefectures in an EEW
# region's name (青森 = 青森県).
PREF_SUFFIXES = ('県', '府', '都', '')


# Languages whose proper names place_names.py romanises but whose readers
# need their own script: the reading is transliterated instead
# (bc_derive_script, learnt from JMA's own names of municipalities in these
# languages; see data/NOTICE.md).  The type words stay the project's.
SCRIPT_LANGS = ('th', 'ne', 'km', 'my', 'mn')


class ScriptTool(place_names.Tool):
    """tools/derive_places, with its kana → script conversions."""

    def script(self, kana, lang):
        a = self.ask(lang, kana)
        if a.startswith('!'):
            raise place_names.DeriveError('no %s script for %r: %s' %
                                          (lang, kana, a))
        return a


class ScriptDeriver(place_names.Deriver):
    """place_names.Deriver, writing the proper names of SCRIPT_LANGS in
    their script rather than in Latin letters."""

    def proper(self, node, lang, used):
        if lang in SCRIPT_LANGS:
            if (node.ja, lang) in SCRIPT_PROPER:
                used.add('jma')
                return SCRIPT_PROPER[(node.ja, lang)]
            used.add('kana')
            return self.tool.script(node.kana, lang)
        if lang in ('zh-Hans', 'zh-Hant'):
            for ja, forms in ZH_PROPER.items():
                if not node.ja.startswith(ja):
                    continue
                rest = ''
                if node.ja != ja:
                    r = self.tool.zh(node.ja[len(ja):], lang == 'zh-Hant')
                    if r is None or r[1] or self.tool.ja_only(r[0]):
                        continue
                    rest = r[0]
                used.add('zhmap')
                return forms[lang == 'zh-Hant'] + rest
        return super().proper(node, lang, used)

    def render(self, node, lang, used):
        """place_names' hand-written names keep a romanised proper name in
        these languages too: it is written from its reading
        (HAND_READINGS), and set off by no space in Thai and Khmer."""
        v = super().render(node, lang, used)
        if node.kind != 'hand' or lang not in SCRIPT_LANGS:
            return v
        def word(m):
            kana = HAND_READINGS.get(m.group(2))
            if kana is None:
                die('no reading for %r in a hand-written %s name: add it '
                    'to HAND_READINGS' % (m.group(2), lang))
            sep = '' if lang in ('th', 'km') else m.group(1)
            return sep + self.tool.script(kana, lang)
        return re.sub(r'( ?)([A-Za-z]+)', word, v)


# Chinese of proper names the character mapping cannot write (kana in
# them), as JMA's own Chinese names write them (simplified, traditional):
# トカラ列島近海, 福島県中通り / 浜通り (り dropped, after ERRATA), the
# municipalities さいたま市, えびの市, かつらぎ町.  A name that starts with
# one and goes on in characters the mapping knows (えびの高原) takes it too.
ZH_PROPER = {
    'トカラ': ('吐噶喇', '吐噶喇'), '中通り': ('中通', '中通'),
    '浜通り': ('滨通', '濱通'), 'さいたま': ('埼玉', '埼玉'),
    'えびの': ('虾野', '蝦野'), 'かつらぎ': ('葛城', '葛城'),
}


# Proper names in kana whose spelling in a script JMA's own names settle
# (さいたま市 as the prefecture and the wards, after WORD_ERRATA).
SCRIPT_PROPER = {('さいたま', 'my'): 'ဆိုက်တာ့မ'}


# Readings of the Latin proper names in place_names' hand-written names.
HAND_READINGS = {'Iriomotejima': 'いりおもてじま'}


def kana_of(names):
    m = re.fullmatch(r'.*（(.+)）', names.get('ja-x-easy', ''))
    return m.group(1) if m else ''


class NameMaker:
    """Fills the 13 non-Japanese columns of a row from place_names."""

    def __init__(self, deriver, stats):
        self.D = deriver
        self.stats = stats

    def make(self, table, node, keep_en=False):
        out = {}
        used = set()
        for tag in place_names.LANGS:
            u = set()
            v = self.D.render(node, tag, u)
            v = re.sub(r'\s+', ' ', v).strip()
            if not v:
                raise place_names.DeriveError('empty %s name' % tag)
            out[tag] = v
            used |= u
            src = '+'.join(x for x in ('jma', 'kana', 'zhmap',
                                        'zhmap-unchecked') if x in u) \
                or 'words'
            self.stats[table, tag, src] += 1
        if 'jma' in used:
            prov = 'derived-composed'
        else:
            prov = 'derived-from-kana'
        return out, prov, used


# Forecast areas (一次細分区域) whose JMA name is a bare direction (埼玉県
# 南部 is 南部 in jma_area.json, "Southern Region") read as a part of Japan
# in an alert: the name is given its office, as JMA's own documents write
# it (竜巻注意情報: 埼玉県南部, 宮崎県南部平野部) and as it names Hokkaido's
# areas (宗谷北部): a prefecture whole in Japanese (埼玉県南部), a
# sub-prefectural office by its name without 地方 (奄美北部, 沖縄本島南部).
# Other languages take the prefecture's name without its type word
# ("Southern Saitama", "Sur de Saitama"), except where the type word is
# part of how the language names a prefecture: Chinese and Korean write
# the direction after it as Japanese does (埼玉县南部, 사이타마현 남부),
# Vietnamese names a province with it (Miền Nam tỉnh Saitama).
QUALIFY_FULL_PREF = ('zh-Hans', 'zh-Hant', 'ko', 'vi')


def has_bare_dir(node):
    if node.kind == 'dir' and not getattr(node, 'kids', None):
        return True
    return any(has_bare_dir(k) for k in getattr(node, 'kids', []) or [])


def qualify_bare_dirs(node, qual, done):
    """node with each direction standing alone (a 'dir' node without a
    place) made the direction of qual, the node of the area's office;
    done collects the new direction nodes."""
    if node.kind == 'dir' and not getattr(node, 'kids', None):
        d = place_names.Node('dir', qual.ja + node.ja,
                             qual.kana + node.kana, key=node.key,
                             kids=[qual], stem=qual.kind == 'off')
        done.append(d)
        return d
    kids = getattr(node, 'kids', None)
    if kids:
        node.kids = [qualify_bare_dirs(k, qual, done) for k in kids]
    return node


def qualify_jma_en(D, jma_en, dirs):
    """JMA's English with its bare directions ("Southern Region") made
    the qualified ones ("Southern Saitama"), so the rest of it stays JMA's
    ("Fuji Five Lakes", "Plain Area of"); None if a direction is not
    found in it."""
    out = jma_en
    for d in dirs:
        bare = place_names.DIR_ALONE['en'][d.key]
        if out.count(bare) != 1:
            return None
        out = out.replace(bare, D.render(d, 'en', set()))
    return out


def office_node(D, ja, kana):
    """(ja, kana, node) of the office a bare forecast-area name is
    qualified with."""
    if ja in D.prefs:
        pk, pnames, pstems = D.prefs[ja]
        stems = dict(pstems)
        for tag in QUALIFY_FULL_PREF:
            stems[tag] = pnames[tag]
        return ja, pk, place_names.Node('off', ja, pk, names=pnames,
                                        stems=stems)
    kana = place_names.kata2hira(kana)
    if ja.endswith('地方') and kana.endswith('ちほう'):
        ja, kana = ja[:-2], kana[:-3]
    return ja, kana, D.parse(ja, kana, 'forecast')


def derive_tables(tool, P, tabs, dict_city, epi_names, aic, flm, psi,
                  report, stats, fc_office=None):
    city, sub, pref, fc, quake = (tabs[k] for k in
                                  ('city', 'subarea', 'pref', 'forecast',
                                   'quake'))
    # Whole places JMA has translated.
    lex = {}
    for n in epi_names.values():
        lex[n['ja']] = (kana_of(n), n)
    for code, (n, prov) in quake.rows.items():
        if prov.startswith('jma-place-data'):
            lex.setdefault(n['ja'], (kana_of(n), n))
    prefs = {}
    for code, (n, prov) in pref.rows.items():
        stems = {t: pref_stem(code, t, n[t]) for t in place_names.LANGS}
        prefs[n['ja']] = (kana_of(n), n, stems)
    D = ScriptDeriver(tool, lex, prefs)
    D.zh_known = set(read_zh_chars(tool))
    for code, n in epi_names.items():
        if code < '100' and n['ja'].endswith('地方'):
            D.regions[n['ja'][:-2]] = n
    # Readings of parts, to split A・B; places known on their own.
    def reading(ja, kana):
        kana = place_names.kata2hira(kana)
        if ja and kana and not re.search('[（(]', ja):
            D.readings.setdefault(ja, set()).add(kana)
    for a in aic.values():
        for ja, kana in ((a[2], a[3]), (a[13], a[14])):
            reading(ja, kana)
            for sj, sk in (('市', 'し'), ('町', 'ちょう'), ('町', 'まち'),
                           ('村', 'むら'), ('村', 'そん'), ('区', 'く')):
                if ja.endswith(sj) and kana.endswith(sk) and len(ja) > 1:
                    reading(ja[:-1], kana[:-len(sk)])
    for r in flm.values():
        reading(r[1], r[2])
        for sj, sk in (('地方', 'ちほう'), ('地域', 'ちいき'), ('地区', 'ちく')):
            if r[1].endswith(sj) and r[2].endswith(sk):
                reading(r[1][:-len(sj)], r[2][:-len(sk)])
                D.known.add(r[1][:-len(sj)])
        D.known.add(r[1])
    for r in psi:
        reading(r[1], r[2])
    for ja, (kana, _, _) in prefs.items():
        reading(ja, kana)
        for sj, sk in (('県', 'けん'), ('府', 'ふ'), ('都', 'と')):
            if ja.endswith(sj) and kana.endswith(sk):
                reading(ja[:-1], kana[:-len(sk)])
    for f in ('AreaTsunami.csv', 'PointVolcano.csv'):
        for r in read_csv(P('codes', f)):
            reading(clean(r[1]), clean(r[2]))
    for r in read_csv(P('codes', 'AreaRiver.csv')):
        reading(clean(r[2]), clean(r[3]))
        if len(r) > 5 and r[4]:
            reading(clean(r[4]), clean(r[5]))
    for (ja, kana) in MANUAL_READINGS:
        reading(ja, kana)

    M = NameMaker(D, stats)
    failures = report['derivation failed: English or the code is used']

    def fill(table, code, node_fn, keep_en=False, what=''):
        names, prov = table.rows[code]
        try:
            node = node_fn()
            new, kind, used = M.make(table.name, node)
        except place_names.DeriveError as e:
            failures.append('%s %s %s: %s' % (table.name, code, names['ja'],
                                               e))
            return False
        had_en = bool(names.get('en'))
        for tag, v in new.items():
            if keep_en and tag == 'en' and had_en:
                # How close the composition comes to JMA's own English.
                same = norm_en(v) == norm_en(names['en'])
                stats[table.name, 'en vs JMA', 'same' if same else 'differs'] \
                    += 1
                if not same:
                    report['composed English differs from JMA\'s (%s)' %
                           table.name].append('%s %s: %s / JMA %s' % (
                               code, names['ja'], v, names['en']))
                continue
            names[tag] = v
        head = kind + ('+jma-en' if keep_en and had_en else '')
        table.rows[code] = (names, head + '; ' + what + prov_rest(prov))
        return True

    def prov_rest(prov):
        # the old provenance without its "other languages not available"
        return re.sub(r';? ?(en and )?other languages not available', '',
                      prov)

    # Municipalities the dictionary (Jan 2024) does not have.
    for code, (n, prov) in sorted(city.rows.items()):
        if n.get('en'):
            continue
        k = kana_of(n)
        if fill(city, code, lambda: D.parse(n['ja'], k, 'city',
                                             parent=hamamatsu_parent(n, k)),
                what='names derived from the reading; '):
            # the same form as JMA's wards: Chuo Ward (Hamamatsu)
            mend_city(city.rows[code][0], 'project')
    # Warning sub-areas and AreaInformationCity divisions.
    for code, (n, prov) in sorted(sub.rows.items()):
        k = kana_of(n)
        par = parent_city(code, n['ja'], k, dict_city, aic)
        fill(sub, code, lambda: D.parse(n['ja'], k, 'city', parent=par),
             keep_en=True, what='other languages derived from the reading; ')
    # Forecast areas.
    for code, (n, prov) in sorted(fc.rows.items()):
        k = kana_of(n)
        if not k:
            failures.append('forecast %s %s: no reading' % (code, n['ja']))
            continue
        office = (fc_office or {}).get(code)
        try:
            node = D.parse(n['ja'], k, 'forecast')
            bare = has_bare_dir(node) and office and office != code
            if bare:
                on = fc.rows[office][0]
                qj, qk, qn = office_node(D, on['ja'], kana_of(on))
        except place_names.DeriveError:
            bare = False   # fill() below reports it
        if bare:
            jma_ja, jma_en = n['ja'], n.get('en', '')
            n['ja'] = qj + jma_ja
            n['ja-x-easy'] = easy(n['ja'], qk + place_names.kata2hira(k))
            dirs = []
            node = qualify_bare_dirs(node, qn, dirs)
            report['forecast area with a bare direction: office added'] \
                .append('%s %s -> %s' % (code, jma_ja, n['ja']))
            en = qualify_jma_en(D, jma_en, dirs)
            fill(fc, code, lambda: node,
                 what='ja: %s prefixed by the project (JMA: %s); en: %s; '
                 'other languages derived with it; ' % (
                     qj, jma_ja, 'JMA\'s with the direction qualified'
                     if en else 'derived (JMA: %s)' % jma_en))
            if en:
                fc.rows[code][0]['en'] = en
            continue
        fill(fc, code, lambda: D.parse(n['ja'], k, 'forecast'),
             keep_en=True, what='other languages derived from the reading; ')
    # Seismic areas JMA's epicentre names do not cover.
    for code, (n, prov) in sorted(quake.rows.items()):
        if n.get('en'):
            continue
        k = kana_of(n)
        fill(quake, code, lambda: D.parse(n['ja'], k, 'quake'),
             what='names derived from the reading; ')

    # ---- new tables ---------------------------------------------------------
    tsu = Table('tsunami', 3)
    for r in read_csv(P('codes', 'AreaTsunami.csv')):
        code, ja, kana = r[0], clean(r[1]), clean(r[2])
        tsu.add(code, {'ja': ja, 'ja-x-easy': easy(ja, kana)},
                'AreaTsunami (ja, kana)')
        fill(tsu, code, lambda: tsunami_node(D, ja, kana, prefs),
             what='')
    eew = Table('eew', 4)
    eew_rows = [(r, 'AreaForecastLocalEEW') for r in
                read_csv(P('codes', 'AreaForecastLocalEEW.csv'))] + \
        [(r, 'AreaForecastEEW') for r in
         read_csv(P('codes', 'AreaForecastEEW.csv'))]
    for r, src in eew_rows:
        code, ja, kana = r[0], clean(r[1]), clean(r[2])
        # 奄美(群島): JMA's documents write 奄美; the name keeps JMA's form.
        eew.add(code, {'ja': ja, 'ja-x-easy': easy(ja, kana)},
                '%s (ja, kana)' % src)
        fill(eew, code, lambda: eew_node(D, code, ja, kana, prefs, lex),
             what='')
    vol = Table('volcano', 3)
    for r in read_csv(P('codes', 'PointVolcano.csv')):
        code, ja, kana = r[0], clean(r[1]), clean(r[2])
        if r[3]:
            # 蔵王山: "ざおうざん（ざおうさん）", two readings; the first.
            kana = re.sub(r'（.*）$', '', kana) if '（' not in ja else kana
        vol.add(code, {'ja': ja, 'ja-x-easy': easy(ja, kana)},
                'PointVolcano (ja, kana)')
        fill(vol, code, lambda: volcano_node(D, ja, kana), what='')
    riv = Table('river', 10)
    for r in read_csv(P('codes', 'AreaRiver.csv')):
        code, ja, kana = r[0], clean(r[2]), clean(r[3])
        riv.add(code, {'ja': ja, 'ja-x-easy': easy(ja, kana)},
                'AreaRiver (ja, kana)')
        fill(riv, code, lambda: D.parse(ja, kana, 'river'), what='')
    flood = Table('flood', 12)
    for r in read_csv(P('codes', 'AreaFloodForecast.csv')):
        code, ja, kana = r[0], clean(r[1]), clean(r[2])
        flood.add(code, {'ja': ja, 'ja-x-easy': easy(ja, kana)},
                  'AreaFloodForecast (ja, kana)')
        fill(flood, code, lambda: flood_node(D, ja, kana), what='')
    for t in ('zh-Hans', 'zh-Hant'):
        report['Chinese: characters of derived names the mapping does not '
               'know (kept as written, %s)' % t] = [
            ' '.join(sorted(D.unchecked[t]))]
    return {'tsunami': tsu, 'eew': eew, 'volcano': vol, 'river': riv,
            'flood': flood}


def norm_en(s):
    return re.sub(r'[^a-z0-9]', '', s.lower().replace(' region', '')
                  .replace('mt.', '').replace(' city', '')
                  .replace(' area', '').replace('district', ''))


# Readings of parts that no JMA table gives on their own, needed to split
# the reading of a name "A・B" (九十九里・外房 くじゅうくりそとぼう).
MANUAL_READINGS = [
    ('九十九里', 'くじゅうくり'), ('相模湾', 'さがみわん'), ('伊勢', 'いせ'),
    ('出雲', 'いずも'), ('有明', 'ありあけ'), ('壱岐', 'いき'),
    ('種子島', 'たねがしま'), ('奄美群島', 'あまみぐんとう'),
    ('宮古島', 'みやこじま'), ('夷隅', 'いすみ'), ('紀勢', 'きせい'),
    ('阿北', 'あほく'), ('慶良間', 'けらま'), ('江島', 'えのしま'),
    ('平島', 'ひらしま'),
]


def parent_city(code, ja, kana, dict_city, aic):
    """The municipality a sub-area's name starts with (釧路市 of 釧路市阿寒),
    as (ja, kana, official names) for place_names."""
    for pc in (code[:5] + '00',):
        a = aic.get(pc)
        if not a or not a[2] or not ja.startswith(a[2]) or ja == a[2]:
            continue
        if not kana.startswith(a[3]):
            continue
        names = dict_city.get(pc)
        return (a[2], a[3], names)
    return None


def hamamatsu_parent(n, kana):
    """浜松中央区 → ward 中央 of 浜松: the dictionary names Hamamatsu's
    wards "<ward> Ward, Hamamatsu"."""
    if n['ja'].startswith('浜松') and kana.startswith('はままつ'):
        return ('浜松', 'はままつ', None)
    return None


def tsunami_node(D, ja, kana, prefs):
    """A prefecture's whole coast is named as such ("Coast of Iwate
    Prefecture", DESIGN §4); other areas by their parts."""
    if ja in prefs:
        return place_names.Node('coast_pref', ja, kana, kids=[
            place_names.Node('off', ja, kana, names=prefs[ja][1])])
    return D.parse(ja, kana, 'tsunami')


def eew_node(D, code, ja, kana, prefs, lex):
    N = place_names.Node
    kana = place_names.kata2hira(kana)
    m = re.fullmatch(r'(.+)\((.+)\)', ja)
    if m:   # 奄美(群島): 奄美群島
        ja = m.group(1) + m.group(2)
        kana = kana.replace('（', '').replace('）', '')
    if ja.startswith('北海道') and ja[3:] in EEW_HOKKAIDO:
        k, d = EEW_HOKKAIDO[ja[3:]]
        p = prefs['北海道']
        return N('dir', ja, kana, key=d, stem=True, kids=[
            N('off', '北海道', p[0], names=p[1], stems=p[2])])
    for suf in PREF_SUFFIXES:
        if ja + suf in prefs:
            return N('off', ja, kana, names=prefs[ja + suf][1])
    if code.startswith('99') and ja + '地方' in lex:
        return N('off', ja, kana, names=lex[ja + '地方'][1])
    if code.startswith('99') and ja in ('関東', '甲信'):
        return D.parse(ja + '地方', kana + 'ちほう', 'eew')
    return D.parse(ja, kana, 'eew')


def volcano_node(D, ja, kana):
    N = place_names.Node
    if ja in place_names.SPECIAL_VOLCANO:
        return N('hand', ja, kana, names=place_names.SPECIAL_VOLCANO[ja])
    node = D.parse(ja, kana, 'volcano')
    if node.kind == 'type' and node.key in place_names.VOLCANO_KINDS:
        return node
    return N('type', ja, kana, key='volcano', suffix='火山', kids=[node])


def flood_node(D, ja, kana):
    """指定河川洪水予報の予報区域: "<river system>水系　<river>" and the like."""
    N = place_names.Node
    kana = place_names.kata2hira(kana)
    ja = ja.replace('\u3000', '')
    i = ja.find('水系')
    if 0 < i < len(ja) - 2:
        ki = kana.find('すいけい')
        if ki <= 0:
            raise place_names.DeriveError('no すいけい in %s' % kana)
        system = D.parse(ja[:i + 2], kana[:ki + 4], 'flood')
        rest = D.parse(ja[i + 2:], kana[ki + 4:], 'flood')
        return N('in', ja, kana, kids=[rest, system])
    return D.parse(ja, kana, 'flood')


# ---- expansions of the new area types -------------------------------------

# Volcanoes: PointVolcano gives no location.  The prefecture(s) each one
# lies in, or for a volcano that is an island (or lies off one) the
# municipality that island is — written by the project from JMA's list of
# active volcanoes (活火山一覧); a VFVO document lists the municipalities it
# concerns itself.  900-902 (all / other / new active volcanoes) have none.
VOLCANO_SCOPE = {
    '01': '101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 '
          '117 118 119 120 151 152 153 154 155 156 157 158 159 160 161',
    '02': '201 202 203 204', '03': '206 207 208 210',
    '04': '210 211 212', '05': '204 205 206 208 209 210',
    '06': '209 212 213 217', '07': '213 214 215 216 218 301',
    '09': '301 302 333 342', '10': '302 303 304 305 306 350 351',
    '15': '307 308', '16': '309', '17': '313', '18': '313',
    '19': '314', '20': '305 306 310 311 312 334 335',
    '21': '310 311 312 313 335', '22': '314 316', '14': '315',
    '32': '401', '35': '512', '42': '504 515', '43': '503',
    '44': '502 513 514', '45': '505 550 551 552 553',
    '46': '505 506 507 516 517 518 550 551 552 553',
}
VOLCANO_ISLAND = {   # municipality codes (AreaInformationCity)
    '317': '1336100', '318': '1336300', '319': '1336300 1336400',
    '320': '1338100', '321': '1340100', '322': '1340200', '336': '1336200',
    '337': '1338200', '323': '1340100 1340200', '324': '1340100 1340200',
    '325': '1340100 1340200', '338': '1340100 1340200',
    '326': '1342100', '327': '1342100', '328': '1342100', '329': '1342100',
    '330': '1342100', '331': '1342100', '339': '1342100', '340': '1342100',
    '341': '1342100', '508': '4630300', '509': '4650500', '510': '4630400',
    '511': '4630400', '519': '4630400', '601': '4736100', '602': '4738100',
}


def river_tables(P, report):
    """JMA's appendix to the flood-forecast manual: for each forecast area
    (予報区域, AreaFloodForecast code) its reference stations, the rivers
    each station covers (AreaRiver codes) and the municipalities a flood
    there can reach (洪水浸水想定区域を含む市区町村).  Returns
    ({area: codes}, {river: codes}) of municipality codes as JMA wrote
    them (designated cities as a whole)."""
    area_m = collections.defaultdict(set)
    river_m = collections.defaultdict(set)
    base = P('schema', 'xlsx_as_csv',
             '指定河川洪水予報（氾濫警報・注意報）_解説資料_別紙__%s.csv')
    for kind in ('国管理河川', '都道府県管理河川'):
        rows = read_csv(base % kind)
        area = None
        station = None   # (rivers, munis)
        stations = []
        for r in rows:
            r = r + [''] * 10
            if re.fullmatch(r'\d{12}', r[2].strip()):
                area = r[2].strip()
            if re.fullmatch(r'\d{17}', r[4].strip()):
                station = (set(), set())
                stations.append((area, station))
            if station is None:
                continue
            if re.fullmatch(r'\d{10}', r[6].strip()):
                station[0].add(r[6].strip())
            for c in r[9:]:
                if re.fullmatch(r'\d{7}', c.strip()):
                    station[1].add(c.strip())
        for a, (rivers, munis) in stations:
            area_m[a] |= munis
            for rv in rivers:
                river_m[rv] |= munis
    return area_m, river_m


def new_expansions(P, new_tabs, expand, M, aic, q_cities, city, pref,
                   report):
    def to_munis(codes, what):
        out = set()
        for c in codes:
            if c in M:
                out.add(c)
            elif ('city', c) in expand:
                out |= expand[('city', c)]
            else:
                report['expansion code not a municipality (dropped)'].append(
                    '%s: %s' % (what, c))
        return out
    # Municipalities on the sea: those AreaInformationCity marks for
    # storm-surge or high-wave warnings (columns 8 and 9; e.g. all 12
    # coastal municipalities of Iwate and none of the 8 landlocked
    # prefectures).
    coastal = to_munis([c for c, a in aic.items()
                        if a[7] == '1' or a[8] == '1'], 'coastal')
    pref_names = sorted(((n['ja'], c) for c, (n, _) in pref.rows.items()),
                        key=lambda x: -len(x[0]))

    def PREF_CODE_OF_NAME(ja, stem=False):
        """The prefecture a name starts with (青森県日本海沿岸), or with
        stem, that a name is (青森 of the EEW regions)."""
        for pj, pc in pref_names:
            if ja.startswith(pj):
                return pc
            if stem and pj[:-1] == ja and pj[-1] in '県府都':
                return pc
        return None

    def unit(u, what):
        kind, code = u.split()
        if kind == 'pref':
            return expand[('pref', code)] & coastal
        if kind == 'quake':
            return to_munis(q_cities[code], what)
        if kind == 'forecast':
            return set(expand[('forecast', code)])
        die('bad scope %s' % u)

    # Tsunami forecast areas: the municipalities on the sea of the
    # prefecture(s) the area names, or of the islands it is.
    tsu_rows = {r[0]: r for r in read_csv(P('codes', 'AreaTsunami.csv'))}
    tsu = {}
    for code, r in sorted(tsu_rows.items()):
        m = re.search(r'構成する津波予報区([\d,]+)', r[3])
        if m:
            continue
        if code in TSUNAMI_SCOPE:
            units = TSUNAMI_SCOPE[code]
        else:
            pc = PREF_CODE_OF_NAME(r[1])
            if not pc:
                die('tsunami area %s %s: no prefecture in its name, not in '
                    'TSUNAMI_SCOPE' % (code, r[1]))
            units = ['pref ' + pc]
        exp = set()
        for u in units:
            exp |= unit(u, 'tsunami ' + code)
        tsu[code] = exp
    for code, r in sorted(tsu_rows.items()):
        m = re.search(r'構成する津波予報区([\d,]+)', r[3])
        if m:
            tsu[code] = set().union(*(tsu[c] for c in m.group(1).split(',')))
    for code, exp in tsu.items():
        expand[('tsunami', code)] = exp

    # EEW regions.
    eew = {}
    for r in read_csv(P('codes', 'AreaForecastLocalEEW.csv')):
        code, ja = r[0], clean(r[1])
        if code in EEW_SCOPE:
            units = EEW_SCOPE[code]
        else:
            pc = PREF_CODE_OF_NAME(ja, stem=True)
            if not pc:
                die('EEW region %s %s: no prefecture' % (code, ja))
            units = ['prefall ' + pc]
        exp = set()
        for u in units:
            if u.startswith('prefall '):
                exp |= expand[('pref', u.split()[1])]
            else:
                exp |= unit(u, 'eew ' + code)
        eew[code] = exp
    for wide, parts in EEW_WIDE.items():
        eew[wide] = set().union(*(eew[p] for p in parts))
    for code, exp in eew.items():
        expand[('eew', code)] = exp

    # Volcanoes.
    vol = collections.defaultdict(set)
    for pc, codes in VOLCANO_SCOPE.items():
        for v in codes.split():
            vol[v] |= expand[('pref', pc)]
    for v, codes in VOLCANO_ISLAND.items():
        for c in codes.split():
            if c not in M:
                die('volcano %s: %s is not a municipality' % (v, c))
            vol[v].add(c)
    for code in new_tabs['volcano'].rows:
        if code in vol:
            expand[('volcano', code)] = vol[code]
        elif code < '900':
            die('volcano %s has no scope' % code)

    # Rivers and flood-forecast areas.
    area_m, river_m = river_tables(P, report)
    for t, m in (('flood', area_m), ('river', river_m)):
        for code, codes in sorted(m.items()):
            if code not in new_tabs[t].rows:
                report['%s code of the manual appendix not in the code '
                       'table' % t].append(code)
                continue
            exp = to_munis(codes, '%s %s' % (t, code))
            if exp:
                expand[('river', code)] = exp
        missing = [c for c in new_tabs[t].rows if c not in m]
        report['%s codes without municipalities in the appendix' % t] = \
            missing


def main():
    args = sys.argv[1:]
    tool_path = os.environ.get('BC_DERIVE_PLACES',
                               os.path.join(HERE, '..', 'build', 'tools',
                                            'derive_places'))
    if len(args) == 4 and args[0] == '--tool':
        tool_path, args = args[1], args[2:]
    if len(args) != 2:
        sys.exit(__doc__)
    if not os.access(tool_path, os.X_OK):
        die('%s is not built (cmake --build BUILD --target derive_places, '
            'then --tool BUILD/tools/derive_places)' % tool_path)
    src, out_dir = args
    derive_stats = collections.Counter()
    langs = read_langs()
    P = lambda *p: os.path.join(src, *p)

    city_hdr, city_rows = read_csv(P('places', 'jma_multi_data_dictionary_city.csv'), True)
    pref_hdr, pref_rows = read_csv(P('places', 'jma_multi_data_dictionary_pref.csv'), True)
    epi_hdr, epi_rows = read_csv(P('places', 'jma_multi_data_dictionary_epi.csv'), True)
    for hdr in (city_hdr, pref_hdr, epi_hdr):
        want = ['code'] + [c for _, c in langs if c]
        if hdr != want:
            die('unexpected dictionary header %r' % hdr)
    area = json.load(open(P('places', 'jma_area.json'), encoding='utf-8'))
    aic_rows = read_csv(P('codes', 'AreaInformationCity.csv'))
    aic = {}
    for r in aic_rows:
        if len(r) != 19:
            die('AreaInformationCity: %s has %d columns' % (r[0], len(r)))
        aic[r[0]] = [clean(x) for x in r]
    psi = [[clean(x) for x in r] for r in
           read_csv(P('codes', 'AreaForecastLocalE_AreaInformationCity_PointSeismicIntensity.csv'))]
    flm = {r[0]: [clean(x) for x in r]
           for r in read_csv(P('codes', 'AreaForecastLocalM.csv'))}
    pref_eq = {r[0]: clean(r[1]) for r in
               read_csv(P('codes', 'AreaInformationPrefectureEarthquake.csv'))}
    epi_tab = {r[0]: clean(r[1]) for r in read_csv(P('codes', 'AreaEpicenter.csv'))}

    city = Table('city', 7)
    sub = Table('subarea', 7)
    pref = Table('pref', 2)
    fc = Table('forecast', 6)
    quake = Table('quake', 3)
    epi = Table('epicenter', 3)
    report = collections.defaultdict(list)

    # ---- municipalities: JMA's multilingual city dictionary ------------
    dict_city = {}
    for r in city_rows:
        names = jma_names(r, city_hdr, langs)
        mend_city(names)
        dict_city[r[0]] = names
        a = aic.get(r[0])
        kana = ''
        if a:
            # The dictionary uses either the short name (千代田区) or the
            # seismic-information name (札幌中央区); take the reading of
            # whichever it shows.
            if names['ja'] == a[2]:
                kana = a[3]
            elif names['ja'] == a[13]:
                kana = a[14]
        names['ja-x-easy'] = easy(names['ja'], kana)
        if kana:
            prov = 'jma-place-data; kana: AreaInformationCity'
        elif a:
            prov = 'jma-place-data; no kana: name not in AreaInformationCity'
            report['city without kana'].append(r[0])
        else:
            prov = ('jma-place-data; no kana: code not in '
                    'AreaInformationCity (retired)')
            report['city code not in AreaInformationCity (retired)'].append(
                '%s %s' % (r[0], names['ja']))
        city.add(r[0], names, prov)

    # Wards of designated cities that AreaInformationCity has and the
    # dictionary (Jan 2024) does not: Hamamatsu's 2024 wards.  Without
    # them a warning for 浜松市南部 would reach nobody.
    ward_re = re.compile(r'^(.+?市)のうち([^、]+区)$')
    for code, a in sorted(aic.items()):
        if code in dict_city or not ward_re.match(a[1]) or not a[13]:
            continue
        names = {'ja': a[13], 'ja-x-easy': easy(a[13], a[14])}
        twin = [c for c, n in dict_city.items()
                if c[:2] == code[:2] and n['ja'] == a[13]]
        if len(twin) == 1:
            for tag, jcol in langs:
                if jcol and tag != 'ja':
                    names[tag] = dict_city[twin[0]][tag]
            prov = ('jma-place-data of %s (same name, renumbered); '
                    'ja, kana: AreaInformationCity' % twin[0])
        else:
            prov = ('AreaInformationCity (ja, kana); not in jma-place-data: '
                    'other languages not available')
        report['municipality added from AreaInformationCity'].append(
            '%s %s (%s)' % (code, a[13], prov))
        city.add(code, names, prov)
    M = set(city.rows)

    # ---- expansions of 7-digit areas that are not municipalities -------
    # Designated cities: AreaInformationCity rows "<city>のうち<ward>区".
    wards_of = collections.defaultdict(list)   # full name of city -> codes
    ward_by_name = {}                          # (city full, ward) -> code
    for code, a in aic.items():
        m = ward_re.match(a[1])
        if m and code in M:
            wards_of[m.group(1)].append(code)
            ward_by_name[(m.group(1), m.group(2))] = code
    # Split rows: "<ward full name>のうち…「仙台市東部」に含む地区".
    split_rows = collections.defaultdict(set)  # region short name -> wards
    split_wards = set()
    for code, a in aic.items():
        m = re.match(r'^.+?区のうち' + SPLIT_REGION + r'「(.+)」に含む地区$', a[1])
        if m:
            w = code[:5] + '00'
            if w not in M:
                die('split row %s: ward %s is not a municipality' % (code, w))
            split_rows[m.group(1)].add(w)
            split_wards.add(w)

    def expand7(code):
        """Municipalities of a 7-digit code that is not one, or None."""
        a = aic.get(code)
        full = a[1] if a else ''
        # R1: a designated city as a whole -> its wards.
        if full in wards_of:
            return set(wards_of[full]), 'wards'
        # R2: "<city>のうち<ward>、<ward>…及び<ward>" -> those wards.
        for cfull in wards_of:
            pre = cfull + 'のうち'
            if full.startswith(pre):
                parts = re.split('、|及び', full[len(pre):])
                got = [ward_by_name.get((cfull, w)) for w in parts]
                if all(got):
                    return set(got), 'ward list'
        # R3: a warning region of a designated city (仙台市東部): the wards
        # AreaInformationCity splits with a row naming that region, plus
        # every ward with no split row at all.  A ward without a split row
        # lies wholly in one region, but the table does not say which, so it
        # goes to every region of its city: over-inclusion is safer than a
        # resident missing a warning.
        whole = aic.get(code[:5] + '00')
        if whole and whole[1] in wards_of and code[:5] + '00' != code:
            m = re.match(SPLIT_REGION + r'「(.+)」の区域$', full)
            region = m.group(1) if m else a[2]
            wards = set(wards_of[whole[1]])
            named = split_rows.get(region, set()) & wards
            unsplit = wards - split_wards
            report['designated-city region'].append(
                '%s %s: split rows %s, unsplit wards included %s' %
                (code, region, ' '.join(sorted(named)) or '-',
                 ' '.join(sorted(unsplit)) or '-'))
            return named | unsplit, 'city region'
        # R4: a part of a municipality -> that municipality.
        parent = code[:5] + '00'
        if parent in M and parent != code:
            return {parent}, 'part'
        # R5: a municipality JMA divides into codes of its own (佐世保市).
        if code.endswith('00'):
            kids = {c for c in M if c[:5] == code[:5] and c != code}
            if kids:
                return kids, 'parts'
        return None, None

    expand = {}        # (type, code) -> set of municipalities
    rule_count = collections.Counter()

    # ---- warning sub-areas of jma_area.json (class20) ------------------
    c20 = area['class20s']
    for code in sorted(c20):
        if code in M:
            continue
        v = c20[code]
        exp, rule = expand7(code)
        if not exp:
            die('class20 %s %s: no expansion' % (code, v['name']))
        rule_count[rule] += 1
        expand[('city', code)] = exp
        ja = clean(v['name'])
        a = aic.get(code)
        # Prefer AreaInformationCity's reading when the names agree: it is
        # newer and fixes typos of jma_area.json (see data/NOTICE.md).
        if a and a[2] == ja and a[3]:
            kana, ksrc = a[3], 'AreaInformationCity'
        else:
            kana, ksrc = clean(v.get('kana', '')), 'jma_area.json'
        names = {'ja': ja, 'ja-x-easy': easy(ja, kana),
                 'en': clean(v['enName'])}
        sub.add(code, names, 'jma_area.json class20 (ja, en); kana: %s; '
                'other languages not available' % ksrc)

    for code, v in sorted(c20.items()):
        a = aic.get(code)
        kana = clean(v.get('kana', ''))
        if a and a[2] == clean(v['name']) and a[3] != kana:
            report['class20 kana differs from AreaInformationCity'].append(
                '%s %s: jma_area.json %s, AreaInformationCity %s' %
                (code, v['name'], kana, a[3]))

    # ---- other AreaInformationCity codes that are not municipalities ---
    for code, a in sorted(aic.items()):
        if code in M or code in c20:
            continue
        exp, rule = expand7(code)
        if not exp or not a[2]:
            report['AreaInformationCity code left out'].append(
                '%s %s (%s)' % (code, a[1], 'no expansion' if not exp
                                else 'no short name'))
            continue
        rule_count[rule] += 1
        expand[('city', code)] = exp
        sub.add(code, {'ja': a[2], 'ja-x-easy': easy(a[2], a[3])},
                'AreaInformationCity (ja, kana); en and other languages '
                'not available')

    # ---- prefectures ----------------------------------------------------
    pkana = collections.defaultdict(collections.Counter)
    for code, a in aic.items():
        pn = pref_eq.get(code[:2], '')
        for short, sk in ((a[2], a[3]), (a[13], a[14])):
            full, fk = a[15], a[16]
            if (short and full == pn + short and fk.endswith(sk)
                    and len(fk) > len(sk)):
                pkana[code[:2]][fk[:-len(sk)]] += 1
    for r in pref_rows:
        names = jma_names(r, pref_hdr, langs)
        if pref_eq.get(r[0]) != names['ja']:
            die('prefecture %s: %s vs AreaInformationPrefectureEarthquake %s'
                % (r[0], names['ja'], pref_eq.get(r[0])))
        k = pkana.get(r[0])
        kana = k.most_common(1)[0][0] if k and len(k) == 1 else ''
        names['ja-x-easy'] = easy(names['ja'], kana)
        pref.add(r[0], names, 'jma-place-data; kana: derived from the '
                 'full-name readings of AreaInformationCity'
                 if kana else 'jma-place-data; no kana')
        expand[('pref', r[0])] = {c for c in M if c[:2] == r[0]}

    # ---- epicentres ------------------------------------------------------
    readings = collections.defaultdict(lambda: collections.defaultdict(set))
    area_of = {}
    for r in psi:
        readings[r[1]][r[2]].add('PointSeismicIntensity')
        area_of[r[0]] = (r[1], r[2])
    for r in flm.values():
        readings[r[1]][r[2]].add('AreaForecastLocalM')
    for f in ('AreaTsunami.csv', 'CoastTsunami.csv', 'AreaForecastLocalEEW.csv',
              'AreaForecastEEW.csv'):
        for r in read_csv(P('codes', f)):
            if len(r) > 2 and r[2].strip():
                readings[clean(r[1])][clean(r[2])].add(f[:-4])
    epi_names = {}
    for r in epi_rows:
        names = jma_names(r, epi_hdr, langs)
        epi_names[r[0]] = names
        if epi_tab.get(r[0]) != names['ja']:
            die('epicentre %s: %s vs AreaEpicenter %s'
                % (r[0], names['ja'], epi_tab.get(r[0])))
        rd = readings.get(names['ja'], {})
        kana = ''
        if len(rd) == 1:
            kana, tabs = next(iter(rd.items()))
            prov = 'jma-place-data; kana: %s' % '+'.join(sorted(tabs))
        elif (r[0] in area_of and
              names['ja'] == area_of[r[0]][0] + '地方'):
            kana = area_of[r[0]][1] + 'ちほう'
            prov = ('jma-place-data; kana: PointSeismicIntensity area %s '
                    '+ ちほう' % r[0])
        else:
            prov = ('jma-place-data; no kana reading in JMA\'s tables: '
                    'ja-x-easy is the Japanese name')
            if len(rd) > 1:
                report['epicentre with conflicting readings'].append(r[0])
        names['ja-x-easy'] = easy(names['ja'], kana)
        epi.add(r[0], names, prov)

    # ---- seismic-information areas (地震情報／細分区域) -------------------
    epi_by_name = {n['ja']: c for c, n in epi_names.items()}
    q_cities = collections.defaultdict(set)
    for r in psi:
        q_cities[r[0]].add(r[3])
    for code, (ja, kana) in sorted(area_of.items()):
        names = {'ja': ja, 'ja-x-easy': easy(ja, kana)}
        e = epi_by_name.get(ja)
        how = 'same name'
        if e is None and epi_names.get(code, {}).get('ja') == ja + '地方':
            e, how = code, 'same code, name + 地方'
        if e is not None:
            for tag, jcol in langs:
                if jcol and tag != 'ja':
                    names[tag] = epi_names[e][tag]
            prov = ('jma-place-data epicentre %s (%s); ja, kana: '
                    'PointSeismicIntensity' % (e, how))
        else:
            prov = ('PointSeismicIntensity (ja, kana); en and other '
                    'languages not available')
            report['seismic area without JMA translation'].append(
                '%s %s' % (code, ja))
        quake.add(code, names, prov)
        expand[('quake', code)] = set(q_cities[code])

    # ---- forecast areas (offices, class10s, class15s) --------------------
    def exp_c20(code):
        if code in M:
            return {code}
        e = expand.get(('city', code))
        if e is None:
            die('forecast child %s: not a municipality, no expansion' % code)
        return e

    levels = ('class10s', 'class15s', 'offices')  # name preference order
    aic_members = collections.defaultdict(set)
    for code, a in aic.items():
        if a[4]:
            aic_members[a[4]].add(code)

    def exp_forecast(lvl, code):
        v = area[lvl][code]
        out = set()
        if lvl == 'class15s':
            for c in v['children']:
                out |= exp_c20(c)
            # AreaInformationCity (2026) names the class15 of each code;
            # take those too, in case the 2024 master missed a change.
            extra = set()
            for c in aic_members.get(code, ()):
                if c in M:
                    extra.add(c)
                elif ('city', c) in expand:
                    extra |= expand[('city', c)]
            if extra - out:
                report['class15 widened by AreaInformationCity'].append(
                    '%s: %s' % (code, ' '.join(sorted(extra - out))))
            out |= extra
        else:
            child = 'class15s' if lvl == 'class10s' else 'class10s'
            for c in v['children']:
                out |= exp_forecast(child, c)
        return out

    for code in sorted({c for l in levels for c in area[l]}):
        lvl = next(l for l in levels if code in area[l])
        v = area[lvl][code]
        exp = set()
        for l in levels:
            if code in area[l]:
                exp |= exp_forecast(l, code)
        ja = clean(v['name'])
        f = flm.get(code)
        kana = f[2] if f and f[1] == ja else ''
        if f and f[1] != ja:
            report['forecast name differs from AreaForecastLocalM'].append(code)
        names = {'ja': ja, 'ja-x-easy': easy(ja, kana),
                 'en': clean(v['enName'])}
        fc.add(code, names, 'jma_area.json %s (ja, en); kana: %s; other '
               'languages not available' %
               (lvl[:-1], 'AreaForecastLocalM' if kana else 'none'))
        expand[('forecast', code)] = exp
    for code, f in sorted(flm.items()):
        if code not in fc.rows:
            report['AreaForecastLocalM code left out (not in jma_area.json, '
                   'no hierarchy to expand)'].append('%s %s' % (code, f[1]))

    # ---- Chinese characters for derived names -----------------------------
    zh_pairs = [(n['ja'], n) for n in
                list(dict_city.values()) + list(epi_names.values()) +
                [pref.rows[c][0] for c in pref.rows]]
    zh_map, zh_stats, zh_conflicts = build_zh_map(zh_pairs)
    report['Chinese character mapping: conflicts in JMA\'s names'] = \
        zh_conflicts
    os.makedirs(out_dir, exist_ok=True)
    zh_path = os.path.join(out_dir, 'kanji_zh.tsv')
    write_zh_map(zh_path, zh_map)

    # ---- names the project derives (place_names.py) ------------------------
    tool = ScriptTool(tool_path, zh_path)
    mend_official_chinese(tool, zh_map, [city, pref, epi, quake])
    tabs = {'city': city, 'subarea': sub, 'pref': pref, 'forecast': fc,
            'quake': quake, 'epicenter': epi}
    fc_office = {}
    for code in fc.rows:
        c = code
        for lvl in ('class15s', 'class10s'):
            if c in area[lvl] and c not in area['offices']:
                c = area[lvl][c]['parent']
        if c in area['offices']:
            fc_office[code] = c
    new_tabs = derive_tables(tool, P, tabs, dict_city, epi_names, aic, flm,
                             psi, report, derive_stats, fc_office)
    tool.close()
    new_expansions(P, new_tabs, expand, M, aic, q_cities, city, pref, report)

    # ---- checks ----------------------------------------------------------
    for key, exp in expand.items():
        if not exp:
            die('%s %s expands to nothing' % key)
        bad = exp - M
        if bad:
            die('%s %s expands to non-municipalities %s' %
                (key[0], key[1], sorted(bad)))
    for c in M:
        if c not in expand[('pref', c[:2])]:
            die('municipality %s not reachable from its prefecture' % c)
    tables = {'city': [sub], 'pref': [pref], 'forecast': [fc],
              'quake': [quake], 'tsunami': [new_tabs['tsunami']],
              'eew': [new_tabs['eew']], 'volcano': [new_tabs['volcano']],
              'river': [new_tabs['river'], new_tabs['flood']]}
    for (t, code) in expand:
        if not any(code in tab.rows for tab in tables[t]):
            die('expansion for unnamed %s %s' % (t, code))
    # No Japanese script in a non-Japanese name, no Latin in a Mongolian
    # word, no U+30FB anywhere but Japanese.
    all_tabs = [city, sub, pref, fc, quake, epi] + [
        new_tabs[k] for k in ('tsunami', 'eew', 'volcano', 'river', 'flood')]
    for tab in all_tabs:
        for code, (names, prov) in tab.rows.items():
            for tag, v in names.items():
                if tag in ('ja', 'ja-x-easy'):
                    continue
                zh = tag.startswith('zh')
                if re.search('[\u3040-\u30ff\u31f0-\u31ff\uff65-\uff9f]',
                             v) or (not zh and any(is_han(c) for c in v)):
                    die('%s %s %s: Japanese script in %r' %
                        (tab.name, code, tag, v))
                if tag == 'mn' and re.search(
                        '[\u0400-\u04ff][A-Za-z]|[A-Za-z][\u0400-\u04ff]',
                        v):
                    die('%s %s: Latin inside a Cyrillic word: %r' %
                        (tab.name, code, v))
    reach_fc = set().union(*(e for (t, _), e in expand.items()
                             if t == 'forecast'))
    reach_q = set().union(*(e for (t, _), e in expand.items() if t == 'quake'))
    report['municipality in no forecast area'] = sorted(M - reach_fc)
    report['municipality in no seismic area'] = sorted(M - reach_q)

    # ---- write -------------------------------------------------------------
    os.makedirs(out_dir, exist_ok=True)
    for t in all_tabs:
        t.write(out_dir, langs)
    order = ['city', 'pref', 'forecast', 'quake', 'eew', 'tsunami',
             'volcano', 'river']
    with open(os.path.join(out_dir, 'expand.tsv'), 'w', encoding='utf-8',
              newline='\n') as f:
        f.write('type\tcode\tcities\n')
        for (t, code) in sorted(expand, key=lambda k: (order.index(k[0]), k[1])):
            f.write('%s\t%s\t%s\n' % (t, code, ' '.join(sorted(expand[(t, code)]))))

    # ---- report ------------------------------------------------------------
    stale = sorted(set(ERRATA) - ERRATA_USED) + sorted(
        set(ZH_CHAR_ERRATA) - ZH_CHAR_ERRATA_USED) + sorted(
        set(WORD_ERRATA) - WORD_ERRATA_USED)
    if stale:
        print('ERRATA no longer matching JMA\'s data (check them again): ' +
              '; '.join('%s %s %r' % k for k in stale))
    print('rows: city %d, subarea %d, pref %d, forecast %d, quake %d, '
          'epicenter %d' % (len(city.rows), len(sub.rows), len(pref.rows),
                            len(fc.rows), len(quake.rows), len(epi.rows)))
    cnt = collections.Counter(t for t, _ in expand)
    print('expansions: %s; entries %d' % (
        ', '.join('%s %d' % (t, cnt[t]) for t in order),
        sum(len(e) for e in expand.values())))
    print('subarea rules: %s' % ', '.join('%s %d' % kv for kv in
                                          sorted(rule_count.items())))
    print('edits: ' + ', '.join('%s %s %d' % (w, e, n) for (w, e), n in
                                sorted(EDITS.items())))
    print('rows: %s' % ', '.join('%s %d' % (t.name, len(t.rows))
                                  for t in all_tabs[6:]))
    print('Chinese mapping: %s' % ', '.join(
        '%s %s' % (k if isinstance(k, str) else ' '.join(k), v)
        for k, v in sorted(zh_stats.items(), key=str)))
    print('names by table, language and source (jma: with JMA\'s names of '
          'parts; kana: proper names from the reading; zhmap: proper names '
          'through the Chinese character mapping, -unchecked: with a '
          'character it does not know; words: JMA\'s names and the '
          'project\'s words only):')
    for tab in all_tabs:
        line = []
        for tag in place_names.LANGS:
            c = {k[2]: v for k, v in derive_stats.items()
                 if k[0] == tab.name and k[1] == tag}
            if c:
                line.append('%s %s' % (tag, '/'.join(
                    '%s=%d' % kv for kv in sorted(c.items()))))
        if line:
            print('  %-9s %s' % (tab.name, '; '.join(line)))
    for tab in all_tabs:
        with_kana = sum(1 for n, _ in tab.rows.values()
                        if n['ja-x-easy'] != n['ja'])
        with_en = sum(1 for n, _ in tab.rows.values() if n.get('en'))
        print('%-9s: %4d rows, kana %4d, en %4d' %
              (tab.name, len(tab.rows), with_kana, with_en))
    for k in sorted(report):
        v = report[k]
        print('%s (%d):' % (k, len(v)))
        for x in v:
            print('    ' + x)


if __name__ == '__main__':
    main()
