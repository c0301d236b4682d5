"""place_names.py — names in 15 languages for JMA areas that have none.

Used by import_jma_places.py (see its docstring and data/NOTICE.md).  JMA
publishes its multilingual names for prefectures, municipalities and
epicentre regions only; every other area (warning sub-areas, forecast
areas, tsunami forecast areas, EEW regions, volcanoes, rivers) has a
Japanese name and a kana reading.  This module turns those into names in
the 15 languages of DESIGN §2:

1. The Japanese name is parsed, with its reading, into a small tree: type
   words (沿岸 coast, 湾 bay, 地方 region, 川 river …), direction parts
   (北部, 東部 …), a prefecture or municipality it lies in, lists (A・B),
   and the proper names left over, each with its own slice of the reading.
   Known places are recognised as a whole and take JMA's official names
   (prefectures: 北海道太平洋沿岸東部 = 北海道 + 太平洋沿岸 + 東部;
   epicentre regions with the same name: 陸奥湾, 東京湾 …).
2. The tree is written out per language from the templates below: the
   type and direction words are the project's, in the word order of each
   language, following JMA's own usage in its epicentre names where it has
   one (ตอนเหนือ, Bagian Utara, Хойд …).  Proper names are romanised
   (bc_l10n_kana_to_latin, ICU), written in Hangul for Korean
   (bc_derive_hangul), and in Chinese characters through the character
   mapping learnt from JMA's official Chinese names (bc_zhmap_apply); a
   proper name in kana, or one with a character the mapping cannot vouch
   for, is romanised in Chinese too.  Thai, Nepali, Khmer, Burmese and
   Mongolian get the romanised proper name with their own type words:
   Latin is accepted in every language, and no transliteration into those
   scripts is derived here.

The conversions run in tools/derive_places (C, the project's own code),
spoken to through a pipe.
"""

import re
import subprocess

LANGS = ['en', 'zh-Hans', 'zh-Hant', 'ko', 'es', 'pt', 'id', 'vi', 'tl',
         'th', 'ne', 'km', 'my', 'mn']
# Languages whose proper names this module writes in Latin letters.  For
# th, ne, km, my and mn that is only the fallback: scripts/import_jma_places.py
# (ScriptDeriver) writes their proper names in their own script from the kana
# reading (tools/derive_places, bc_derive_script).
LATIN_PROPER = {'en', 'es', 'pt', 'id', 'vi', 'tl', 'th', 'ne', 'km', 'my',
                'mn'}


class DeriveError(Exception):
    pass


class Tool:
    """tools/derive_places behind a pipe, answers cached."""

    def __init__(self, path, zh_map):
        self.p = subprocess.Popen([path, '--zh', zh_map],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True,
                                  encoding='utf-8', bufsize=1)
        self.cache = {}
        self.zh_map = zh_map

    def ask(self, op, text):
        key = (op, text)
        if key not in self.cache:
            if '\n' in text or '\t' in text:
                raise DeriveError('bad text %r' % text)
            self.p.stdin.write('%s\t%s\n' % (op, text))
            self.p.stdin.flush()
            ans = self.p.stdout.readline()
            if not ans.endswith('\n'):
                raise DeriveError('derive_places died on %s %r' % key)
            self.cache[key] = ans[:-1]
        return self.cache[key]

    def latin(self, kana):
        a = self.ask('latin', kana)
        if a.startswith('!'):
            raise DeriveError('cannot romanise %r: %s' % (kana, a))
        return a

    def hangul(self, kana):
        a = self.ask('hangul', kana)
        if a.startswith('!'):
            raise DeriveError('no Hangul for %r: %s' % (kana, a))
        return a

    def zh(self, ja, hant):
        """(text, unchecked count) or None if ja has no character form."""
        a = self.ask('hant' if hant else 'hans', ja)
        if a.startswith('!'):
            return None
        text, n = a.rsplit('\t', 1)
        return text, int(n)

    def ja_only(self, s):
        return self.ask('jaonly', s) == '1'

    def close(self):
        self.p.stdin.close()
        self.p.wait()


# ---- words ------------------------------------------------------------

# Directions: Japanese suffix, reading, key.
DIR_SUFFIX = [
    ('北東部', 'ほくとうぶ', 'NE'), ('北西部', 'ほくせいぶ', 'NW'),
    ('南東部', 'なんとうぶ', 'SE'), ('南西部', 'なんせいぶ', 'SW'),
    ('東南部', 'とうなんぶ', 'SE'), ('中北部', 'ちゅうほくぶ', 'CN'),
    ('中南部', 'ちゅうなんぶ', 'CS'), ('中西部', 'ちゅうせいぶ', 'CW'),
    ('中東部', 'ちゅうとうぶ', 'CE'), ('北中部', 'ほくちゅうぶ', 'CN'),
    ('南中部', 'なんちゅうぶ', 'CS'), ('中・西部', 'ちゅうせいぶ', 'CW'),
    ('中央', 'ちゅうおう', 'C'),
    ('北部', 'ほくぶ', 'N'), ('南部', 'なんぶ', 'S'), ('東部', 'とうぶ', 'E'),
    ('西部', 'せいぶ', 'W'), ('中部', 'ちゅうぶ', 'C'),
    ('西方', 'せいほう', 'W'), ('東方', 'とうほう', 'E'),
    ('南方', 'なんぽう', 'S'), ('北方', 'ほっぽう', 'N'),
    ('南東', 'なんとう', 'SE'), ('南西', 'なんせい', 'SW'),
    ('北東', 'ほくとう', 'NE'), ('北西', 'ほくせい', 'NW'),
    ('北', 'きた', 'N'), ('南', 'みなみ', 'S'), ('東', 'ひがし', 'E'),
    ('西', 'にし', 'W'),
]
DIR_MERGE = {('S', 'E'): 'SE', ('N', 'E'): 'NE', ('N', 'W'): 'NW',
             ('S', 'W'): 'SW', ('S', 'C'): 'CS', ('N', 'C'): 'CN'}
# Direction prefixes of coined area names (北空知, 西津軽, 東南村山): only
# when the rest is a place known on its own.
DIR_PREFIX = [
    ('北部', 'ほくぶ', 'N'), ('南部', 'なんぶ', 'S'), ('東部', 'とうぶ', 'E'),
    ('西部', 'せいぶ', 'W'), ('中部', 'ちゅうぶ', 'C'),
    ('東南', 'とうなん', 'SE'), ('北', 'きた', 'N'), ('南', 'みなみ', 'S'),
    ('東', 'ひがし', 'E'), ('西', 'にし', 'W'), ('中', 'なか', 'C'),
]

DIRS = {
    'en': {'N': 'Northern {x}', 'S': 'Southern {x}', 'E': 'Eastern {x}',
           'W': 'Western {x}', 'C': 'Central {x}',
           'NE': 'Northeastern {x}', 'NW': 'Northwestern {x}',
           'SE': 'Southeastern {x}', 'SW': 'Southwestern {x}',
           'CN': 'Central and northern {x}', 'CS': 'Central and southern {x}',
           'CW': 'Central and western {x}', 'CE': 'Central and eastern {x}'},
    'es': {'N': 'Norte de {x}', 'S': 'Sur de {x}', 'E': 'Este de {x}',
           'W': 'Oeste de {x}', 'C': 'Centro de {x}',
           'NE': 'Noreste de {x}', 'NW': 'Noroeste de {x}',
           'SE': 'Sudeste de {x}', 'SW': 'Suroeste de {x}',
           'CN': 'Centro y norte de {x}', 'CS': 'Centro y sur de {x}',
           'CW': 'Centro y oeste de {x}', 'CE': 'Centro y este de {x}'},
    'pt': {'N': 'Norte de {x}', 'S': 'Sul de {x}', 'E': 'Leste de {x}',
           'W': 'Oeste de {x}', 'C': 'Região central de {x}',
           'NE': 'Nordeste de {x}', 'NW': 'Noroeste de {x}',
           'SE': 'Sudeste de {x}', 'SW': 'Sudoeste de {x}',
           'CN': 'Região central e norte de {x}',
           'CS': 'Região central e sul de {x}',
           'CW': 'Região central e oeste de {x}',
           'CE': 'Região central e leste de {x}'},
    'id': {'N': 'Bagian Utara {x}', 'S': 'Bagian Selatan {x}',
           'E': 'Bagian Timur {x}', 'W': 'Bagian Barat {x}',
           'C': 'Bagian Tengah {x}', 'NE': 'Bagian Timur Laut {x}',
           'NW': 'Bagian Barat Laut {x}', 'SE': 'Bagian Tenggara {x}',
           'SW': 'Bagian Barat Daya {x}',
           'CN': 'Bagian Tengah dan Utara {x}',
           'CS': 'Bagian Tengah dan Selatan {x}',
           'CW': 'Bagian Tengah dan Barat {x}',
           'CE': 'Bagian Tengah dan Timur {x}'},
    'vi': {'N': 'Miền Bắc {x}', 'S': 'Miền Nam {x}', 'E': 'Miền Đông {x}',
           'W': 'Miền Tây {x}', 'C': 'Miền Trung {x}',
           'NE': 'Miền Đông Bắc {x}', 'NW': 'Miền Tây Bắc {x}',
           'SE': 'Miền Đông Nam {x}', 'SW': 'Miền Tây Nam {x}',
           'CN': 'Miền Trung và Bắc {x}', 'CS': 'Miền Trung và Nam {x}',
           'CW': 'Miền Trung và Tây {x}', 'CE': 'Miền Trung và Đông {x}'},
    'tl': {'N': 'Hilagang bahagi ng {x}', 'S': 'Timog na bahagi ng {x}',
           'E': 'Silangang bahagi ng {x}', 'W': 'Kanlurang bahagi ng {x}',
           'C': 'Sentral na bahagi ng {x}',
           'NE': 'Hilaga-silangang bahagi ng {x}',
           'NW': 'Hilaga-kanlurang bahagi ng {x}',
           'SE': 'Timog-silangang bahagi ng {x}',
           'SW': 'Timog-kanlurang bahagi ng {x}',
           'CN': 'Sentral at hilagang bahagi ng {x}',
           'CS': 'Sentral at timog na bahagi ng {x}',
           'CW': 'Sentral at kanlurang bahagi ng {x}',
           'CE': 'Sentral at silangang bahagi ng {x}'},
    'th': {'N': '{x}ตอนเหนือ', 'S': '{x}ตอนใต้', 'E': '{x}ฟากตะวันออก',
           'W': '{x}ฟากตะวันตก', 'C': '{x}ตอนกลาง',
           'NE': '{x}ตอนเหนือฟากตะวันออก', 'NW': '{x}ตอนเหนือฟากตะวันตก',
           'SE': '{x}ตอนใต้ฟากตะวันออก', 'SW': '{x}ตอนใต้ฟากตะวันตก',
           'CN': '{x}ตอนกลางและตอนเหนือ', 'CS': '{x}ตอนกลางและตอนใต้',
           'CW': '{x}ตอนกลางและฟากตะวันตก',
           'CE': '{x}ตอนกลางและฟากตะวันออก'},
    'ne': {'N': '{x}को उत्तरी भाग', 'S': '{x}को दक्षिणी भाग',
           'E': '{x}को पूर्वी भाग', 'W': '{x}को पश्चिमी भाग',
           'C': '{x}को मध्य भाग', 'NE': '{x}को उत्तर पूर्वी भाग',
           'NW': '{x}को उत्तर पश्चिमी भाग', 'SE': '{x}को दक्षिण पूर्वी भाग',
           'SW': '{x}को दक्षिण पश्चिमी भाग', 'CN': '{x}को मध्य र उत्तरी भाग',
           'CS': '{x}को मध्य र दक्षिणी भाग', 'CW': '{x}को मध्य र पश्चिमी भाग',
           'CE': '{x}को मध्य र पूर्वी भाग'},
    'km': {'N': 'តំបន់ខាងជើងនៃ{x}', 'S': 'តំបន់ខាងត្បូងនៃ{x}',
           'E': 'តំបន់ខាងកើតនៃ{x}', 'W': 'តំបន់ខាងលិចនៃ{x}',
           'C': 'តំបន់កណ្តាលនៃ{x}', 'NE': 'តំបន់ឦសាននៃ{x}',
           'NW': 'តំបន់ពាយព្យនៃ{x}', 'SE': 'តំបន់អាគ្នេយ៍នៃ{x}',
           'SW': 'តំបន់និរតីនៃ{x}', 'CN': 'តំបន់កណ្តាលនិងខាងជើងនៃ{x}',
           'CS': 'តំបន់កណ្តាលនិងខាងត្បូងនៃ{x}',
           'CW': 'តំបន់កណ្តាលនិងខាងលិចនៃ{x}',
           'CE': 'តំបន់កណ្តាលនិងខាងកើតនៃ{x}'},
    'my': {'N': '{x}မြောက်ပိုင်း', 'S': '{x}တောင်ပိုင်း',
           'E': '{x}အရှေ့ပိုင်း', 'W': '{x}အနောက်ပိုင်း',
           'C': '{x}အလယ်ပိုင်း', 'NE': '{x}အရှေ့မြောက်ပိုင်း',
           'NW': '{x}အနောက်မြောက်ပိုင်း', 'SE': '{x}အရှေ့တောင်ပိုင်း',
           'SW': '{x}အနောက်တောင်ပိုင်း',
           'CN': '{x}အလယ်ပိုင်းနှင့် မြောက်ပိုင်း',
           'CS': '{x}အလယ်ပိုင်းနှင့် တောင်ပိုင်း',
           'CW': '{x}အလယ်ပိုင်းနှင့် အနောက်ပိုင်း',
           'CE': '{x}အလယ်ပိုင်းနှင့် အရှေ့ပိုင်း'},
    'mn': {'N': 'Хойд {x}', 'S': 'Өмнөд {x}', 'E': 'Зүүн {x}',
           'W': 'Баруун {x}', 'C': 'Төв {x}', 'NE': 'Зүүн хойд {x}',
           'NW': 'Баруун хойд {x}', 'SE': 'Зүүн өмнөд {x}',
           'SW': 'Баруун өмнөд {x}', 'CN': 'Төв болон хойд {x}',
           'CS': 'Төв болон өмнөд {x}', 'CW': 'Төв болон баруун {x}',
           'CE': 'Төв болон зүүн {x}'},
    # Korean and Chinese write the direction as the Japanese does, in
    # Sino-Korean or in Chinese characters: see render().
}
KO_HANJA = {'北': '북', '南': '남', '東': '동', '西': '서', '中': '중',
            '部': '부', '・': '·'}
KO_DIR = {'N': '북부', 'S': '남부', 'E': '동부', 'W': '서부', 'C': '중부',
          'NE': '북동부', 'NW': '북서부', 'SE': '남동부', 'SW': '남서부',
          'CN': '중북부', 'CS': '중남부', 'CW': '중서부', 'CE': '중동부'}
ZH_DIR = {'N': '北部', 'S': '南部', 'E': '東部', 'W': '西部', 'C': '中部',
          'NE': '北東部', 'NW': '北西部', 'SE': '南東部', 'SW': '南西部',
          'CN': '中北部', 'CS': '中南部', 'CW': '中西部', 'CE': '中東部'}

# Type words: key -> Japanese suffix(es) with readings; the key's
# templates per language follow.  'stem' in a reading list means the
# reading is kept on the proper name (八丈島 はちじょうじま: the romanised
# name is "Hachijojima", the type word follows: "Hachijojima Island", as
# JMA's English writes it).
TYPE_SUFFIX = [
    # (ja suffix, readings, key, reading kept on the name?)
    ('海底火山', ['かいていかざん'], 'submarine_volcano', False),
    ('火山群', ['かざんぐん'], 'volcano_group', False),
    ('上流部', ['じょうりゅうぶ'], 'upper', False),
    ('中流部', ['ちゅうりゅうぶ'], 'middle', False),
    ('下流部', ['かりゅうぶ'], 'lower', False),
    ('上流', ['じょうりゅう'], 'upper', False),
    ('中流', ['ちゅうりゅう'], 'middle', False),
    ('下流', ['かりゅう'], 'lower', False),
    ('流域', ['りゅういき'], 'basin', False),
    ('水系', ['すいけい'], 'river_system', False),
    ('地方', ['ちほう'], 'region', False),
    ('地域', ['ちいき'], 'area', False),
    ('地区', ['ちく'], 'district', False),
    ('内湾', ['ないわん'], 'inner_bay', False),
    ('沿岸', ['えんがん'], 'coast', False),
    ('諸島', ['しょとう'], 'islands', False),
    ('列島', ['れっとう'], 'islands', False),
    ('群島', ['ぐんとう'], 'islands', False),
    ('半島', ['はんとう'], 'peninsula', False),
    ('水道', ['すいどう'], 'channel', True),
    ('海峡', ['かいきょう'], 'strait', False),
    ('海山', ['かいざん'], 'seamount', False),
    ('列岩', ['れつがん'], 'rocks', False),
    ('山麓', ['さんろく'], 'foot', False),
    ('平野部', ['へいやぶ'], 'plain', False),
    ('山沿い', ['やまぞい'], 'mountains', False),
    ('本島', ['ほんとう'], 'main_island', False),
    ('島', ['じま', 'しま', 'とう'], 'island', True),
    ('湾', ['わん'], 'bay', False),
    ('灘', ['なだ'], 'sea', True),
    ('海', ['かい'], 'sea', False),
    ('湖', ['こ'], 'lake', False),
    ('堆', ['たい'], 'bank', False),
    ('川', ['がわ', 'かわ'], 'river', True),
    ('区間', ['くかん'], 'section', False),
    ('市', ['し'], 'city', False),
    ('町', ['ちょう', 'まち'], 'town', False),
    ('村', ['むら', 'そん'], 'village', False),
    ('区', ['く'], 'ward', False),
]

T = {
 'region': {'en': '{x} Region', 'ko': '{x} 지방', 'es': 'Región {x}',
            'pt': 'Região de {x}', 'id': 'Daerah {x}', 'vi': 'Vùng {x}',
            'tl': 'Rehiyon ng {x}', 'th': 'ท้องถิ่น{x}', 'ne': '{x} क्षेत्र',
            'km': 'តំបន់{x}', 'my': '{x}ဒေသ', 'mn': '{x} муж'},
 'area': {'en': '{x} Area', 'ko': '{x} 지역', 'es': 'Zona de {x}',
          'pt': 'Área de {x}', 'id': 'Wilayah {x}', 'vi': 'Khu vực {x}',
          'tl': 'Lugar ng {x}', 'th': 'พื้นที่{x}', 'ne': '{x} इलाका',
          'km': 'តំបន់{x}', 'my': '{x}နယ်မြေ', 'mn': '{x} бүс'},
 'district': {'en': '{x} District', 'ko': '{x} 지구', 'es': 'Distrito de {x}',
              'pt': 'Distrito de {x}', 'id': 'Distrik {x}',
              'vi': 'Khu {x}', 'tl': 'Distrito ng {x}', 'th': 'เขต{x}',
              'ne': '{x} क्षेत्र', 'km': 'ស្រុក{x}', 'my': '{x}ခရိုင်',
              'mn': '{x} дүүрэг'},
 'coast': {'en': '{x} coast', 'ko': '{x} 연안', 'es': 'Costa del {x}',
           'pt': 'Costa do {x}', 'id': 'Pesisir {x}',
           # vi: "Bờ biển Nhật Bản" read as the coast of Japan.
           'vi': 'Ven biển phía {x}',
           'tl': 'Baybayin ng {x}', 'th': 'ชายฝั่ง{x}', 'ne': '{x} तट',
           'km': 'ឆ្នេរ{x}', 'my': '{x}ကမ်းရိုးတန်း', 'mn': '{x} эрэг'},
 'inner_bay': {'en': 'Inner {x}', 'ko': '{x} 안쪽', 'es': 'Interior de {x}',
               'pt': 'Interior de {x}', 'id': '{x} Bagian Dalam',
               'vi': 'Phía trong {x}', 'tl': 'Panloob na {x}',
               'th': '{x}ตอนใน', 'ne': '{x}को भित्री भाग',
               'km': 'ផ្នែកខាងក្នុងនៃ{x}', 'my': '{x}အတွင်းပိုင်း',
               'mn': '{x}-ийн дотор хэсэг'},
 'islands': {'en': '{x} Islands', 'ko': '{x} 제도', 'es': 'Islas {x}',
             'pt': 'Ilhas {x}', 'id': 'Kepulauan {x}', 'vi': 'Quần đảo {x}',
             'tl': '{x} Islands', 'th': 'หมู่เกาะ{x}', 'ne': '{x} टापुहरू',
             'km': 'ប្រជុំកោះ{x}', 'my': '{x}ကျွန်းစု', 'mn': '{x} арлууд'},
 'island': {'en': '{x} Island', 'ko': '{x} 섬', 'es': 'Isla {x}',
            'pt': 'Ilha {x}', 'id': 'Pulau {x}', 'vi': 'Đảo {x}',
            'tl': '{x} Island', 'th': 'เกาะ{x}', 'ne': '{x} टापु',
            'km': 'កោះ{x}', 'my': '{x}ကျွန်း', 'mn': '{x} арал'},
 'main_island': {'en': '{x} Main Island', 'ko': '{x} 본섬',
                 'es': 'Isla principal de {x}', 'pt': 'Ilha principal de {x}',
                 'id': 'Pulau Utama {x}', 'vi': 'Đảo chính {x}',
                 'tl': 'Pangunahing pulo ng {x}', 'th': 'เกาะหลัก{x}',
                 'ne': '{x}को मुख्य टापु', 'km': 'មេកោះ{x}',
                 'my': '{x}ကျွန်းမကြီး', 'mn': '{x}-ийн гол арал'},
 'peninsula': {'en': '{x} Peninsula', 'ko': '{x} 반도',
               'es': 'Península de {x}', 'pt': 'Península de {x}',
               'id': 'Semenanjung {x}', 'vi': 'Bán đảo {x}',
               'tl': 'Tangway ng {x}', 'th': 'คาบสมุทร{x}',
               'ne': '{x} प्रायद्वीप', 'km': 'ឧបទ្វីប{x}',
               'my': '{x}ကျွန်းဆွယ်', 'mn': '{x} хойг'},
 'bay': {'en': '{x} Bay', 'ko': '{x} 만', 'es': 'Bahía de {x}',
         'pt': 'Baía de {x}', 'id': 'Teluk {x}', 'vi': 'Vịnh {x}',
         'tl': '{x} Bay', 'th': 'อ่าว{x}', 'ne': '{x} खाडी',
         'km': 'ឈូងសមុទ្រ{x}', 'my': '{x}ပင်လယ်အော်', 'mn': '{x} булан'},
 'sea': {'en': '{x} Sea', 'ko': '{x} 해', 'es': 'Mar de {x}',
         'pt': 'Mar de {x}', 'id': 'Laut {x}', 'vi': 'Biển {x}',
         'tl': '{x} Sea', 'th': 'ทะเล{x}', 'ne': '{x} सागर',
         'km': 'សមុទ្រ{x}', 'my': '{x}ပင်လယ်', 'mn': '{x} тэнгис'},
 'channel': {'en': '{x} Strait', 'ko': '{x} 수도', 'es': 'Canal de {x}',
             'pt': 'Canal de {x}', 'id': 'Selat {x}', 'vi': 'Eo biển {x}',
             'tl': '{x} Strait', 'th': 'ช่องแคบ{x}', 'ne': '{x} जलमार्ग',
             'km': 'ផ្លូវទឹក{x}', 'my': '{x}ရေလက်ကြား',
             'mn': '{x} усан зам'},
 'strait': {'en': '{x} Strait', 'ko': '{x} 해협', 'es': 'Estrecho de {x}',
            'pt': 'Estreito de {x}', 'id': 'Selat {x}', 'vi': 'Eo biển {x}',
            'tl': '{x} Strait', 'th': 'ช่องแคบ{x}', 'ne': '{x} जलडमरू',
            'km': 'ច្រកសមុទ្រ{x}', 'my': '{x}ရေလက်ကြား',
            'mn': '{x} хоолой'},
 'lake': {'en': 'Lake {x}', 'ko': '{x} 호수', 'es': 'Lago {x}',
          'pt': 'Lago {x}', 'id': 'Danau {x}', 'vi': 'Hồ {x}',
          'tl': 'Lawa ng {x}', 'th': 'ทะเลสาบ{x}', 'ne': '{x} ताल',
          'km': 'បឹង{x}', 'my': '{x}ရေကန်', 'mn': '{x} нуур'},
 'bank': {'en': '{x} Bank', 'ko': '{x} 퇴', 'es': 'Banco {x}',
          'pt': 'Banco {x}', 'id': 'Beting {x}', 'vi': 'Bãi ngầm {x}',
          'tl': 'Bangko ng {x}', 'th': 'สันดอน{x}', 'ne': '{x} समुद्री ढिस्को',
          'km': 'ទីរាក់{x}', 'my': '{x}ရေတိမ်ပိုင်း', 'mn': '{x} гүехэн'},
 'seamount': {'en': '{x} Seamount', 'ko': '{x} 해산',
              'es': 'Monte submarino {x}', 'pt': 'Monte submarino {x}',
              'id': 'Gunung Laut {x}', 'vi': 'Núi ngầm {x}',
              'tl': 'Bundok sa ilalim ng dagat na {x}',
              'th': 'ภูเขาใต้ทะเล{x}', 'ne': '{x} समुद्री पहाड',
              'km': 'ភ្នំក្រោមសមុទ្រ{x}', 'my': '{x}ရေအောက်တောင်',
              'mn': '{x} далайн ёроолын уул'},
 'rocks': {'en': '{x} Rocks', 'ko': '{x} 암초', 'es': 'Rocas {x}',
           'pt': 'Rochedos {x}', 'id': 'Karang {x}', 'vi': 'Đá {x}',
           'tl': 'Mga bato ng {x}', 'th': 'หินโสโครก{x}',
           'ne': '{x} चट्टानहरू', 'km': 'ថ្មសមុទ្រ{x}',
           'my': '{x}ကျောက်တန်း', 'mn': '{x} хадан арлууд'},
 'foot': {'en': 'Foot of {x}', 'ko': '{x} 기슭', 'es': 'Pie de {x}',
          'pt': 'Sopé de {x}', 'id': 'Kaki {x}', 'vi': 'Chân {x}',
          'tl': 'Paanan ng {x}', 'th': 'เชิง{x}', 'ne': '{x}को फेदी',
          'km': 'ជើងភ្នំ{x}', 'my': '{x}တောင်ခြေ', 'mn': '{x}-ийн бэл'},
 'plain': {'en': 'Plain area of {x}', 'ko': '{x} 평야부',
           'es': 'Llanura de {x}', 'pt': 'Planície de {x}',
           'id': 'Dataran {x}', 'vi': 'Vùng đồng bằng {x}',
           'tl': 'Kapatagan ng {x}', 'th': 'ส่วนพื้นราบของ{x}',
           'ne': '{x}को समथर क्षेत्र', 'km': 'តំបន់ទំនាប{x}',
           'my': '{x}လွင်ပြင်', 'mn': '{x}-ийн тал газар'},
 'mountains': {'en': 'Mountain area of {x}', 'ko': '{x} 산간',
               'es': 'Zona montañosa de {x}', 'pt': 'Zona montanhosa de {x}',
               'id': 'Pegunungan {x}', 'vi': 'Vùng núi {x}',
               'tl': 'Bulubunduking lugar ng {x}',
               'th': 'ส่วนเลียบภูเขาของ{x}', 'ne': '{x}को पहाडी क्षेत्र',
               'km': 'តំបន់ភ្នំ{x}', 'my': '{x}တောင်တန်းဒေသ',
               'mn': '{x}-ийн уулархаг газар'},
 'city': {'en': '{x} City', 'ko': '{x} 시', 'es': 'Ciudad de {x}',
          'pt': 'cidade de {x}', 'id': 'kota {x}', 'vi': 'thành phố {x}',
          'tl': 'siyudad ng {x}', 'th': 'เมือง{x}', 'ne': '{x} सहर',
          'km': 'ទីក្រុង{x}', 'my': '{x}မြို့', 'mn': '{x} хот'},
 'town': {'en': '{x} Town', 'ko': '{x} 정', 'es': 'Pueblo de {x}',
          'pt': 'vila de {x}', 'id': 'kota {x}', 'vi': 'thị trấn {x}',
          'tl': 'bayan ng {x}', 'th': 'เมือง{x}', 'ne': '{x} नगर',
          'km': 'ទីប្រជុំជន{x}', 'my': '{x}မြို့နယ်', 'mn': '{x} жижиг хот'},
 'village': {'en': '{x} Village', 'ko': '{x} 촌', 'es': 'Aldea de {x}',
             'pt': 'povoado de {x}', 'id': 'desa {x}', 'vi': 'làng {x}',
             'tl': 'nayon ng {x}', 'th': 'หมู่บ้าน{x}', 'ne': '{x} गाउँ',
             'km': 'ភូមិ{x}', 'my': '{x}ကျေးရွာ', 'mn': '{x} тосгон'},
 'ward': {'en': '{x} Ward', 'ko': '{x} 구', 'es': 'Distrito {x}',
          'pt': 'distrito de {x}', 'id': 'Distrik Kota {x}',
          'vi': 'quận {x}', 'tl': '{x} Ward', 'th': 'เขต{x}',
          'ne': '{x} वडा', 'km': 'សង្កាត់{x}', 'my': '{x}ရပ်ကွက်',
          'mn': '{x} дүүрэг'},
 'former': {'en': 'former {x}', 'ko': '옛 {x}', 'es': 'antiguo {x}',
            'pt': 'antigo {x}', 'id': 'bekas {x}', 'vi': '{x} cũ',
            'tl': 'dating {x}', 'th': '{x}เดิม', 'ne': 'साबिकको {x}',
            'km': '{x}ចាស់', 'my': 'ယခင် {x}', 'mn': 'хуучин {x}'},
 'river': {'en': '{x} River', 'ko': '{x}강', 'es': 'Río {x}',
           'pt': 'Rio {x}', 'id': 'Sungai {x}', 'vi': 'Sông {x}',
           'tl': 'Ilog {x}', 'th': 'แม่น้ำ{x}', 'ne': '{x} नदी',
           'km': 'ទន្លេ{x}', 'my': '{x}မြစ်', 'mn': '{x} гол'},
 'river_system': {'en': '{x} river system', 'ko': '{x} 수계',
                  'es': 'Sistema fluvial del {x}',
                  'pt': 'Bacia do {x}', 'id': 'Sistem {x}',
                  'vi': 'Hệ thống {x}', 'tl': 'Sistema ng {x}',
                  'th': 'ระบบ{x}', 'ne': '{x} नदी प्रणाली',
                  'km': 'ប្រព័ន្ធ{x}', 'my': '{x}မြစ်စနစ်',
                  'mn': '{x}-ийн сав'},
 'basin': {'en': '{x} basin', 'ko': '{x} 유역', 'es': 'Cuenca del {x}',
           'pt': 'Bacia do {x}', 'id': 'Daerah aliran {x}',
           'vi': 'Lưu vực {x}', 'tl': 'Lunas ng {x}', 'th': 'ลุ่ม{x}',
           'ne': '{x} जलाधार', 'km': 'អាងទន្លេ{x}', 'my': '{x}မြစ်ဝှမ်း',
           'mn': '{x}-ийн сав газар'},
 'upper': {'en': 'Upper {x}', 'ko': '{x} 상류', 'es': 'Curso alto del {x}',
           'pt': 'Curso superior do {x}', 'id': '{x} Hulu',
           'vi': 'Thượng lưu {x}', 'tl': 'Itaas na bahagi ng {x}',
           'th': '{x}ตอนบน', 'ne': '{x}को माथिल्लो भाग',
           'km': 'ផ្នែកខាងលើ{x}', 'my': '{x}အထက်ပိုင်း',
           'mn': '{x}-ийн дээд хэсэг'},
 'middle': {'en': 'Middle {x}', 'ko': '{x} 중류',
            'es': 'Curso medio del {x}', 'pt': 'Curso médio do {x}',
            'id': '{x} Tengah', 'vi': 'Trung lưu {x}',
            'tl': 'Gitnang bahagi ng {x}', 'th': '{x}ตอนกลาง',
            'ne': '{x}को मध्य भाग', 'km': 'ផ្នែកកណ្តាល{x}',
            'my': '{x}အလယ်ပိုင်း', 'mn': '{x}-ийн дунд хэсэг'},
 'lower': {'en': 'Lower {x}', 'ko': '{x} 하류', 'es': 'Curso bajo del {x}',
           'pt': 'Curso inferior do {x}', 'id': '{x} Hilir',
           'vi': 'Hạ lưu {x}', 'tl': 'Ibabang bahagi ng {x}',
           'th': '{x}ตอนล่าง', 'ne': '{x}को तल्लो भाग',
           'km': 'ផ្នែកខាងក្រោម{x}', 'my': '{x}အောက်ပိုင်း',
           'mn': '{x}-ийн доод хэсэг'},
 'volcano': {'en': '{x} volcano', 'ko': '{x} 화산', 'es': 'Volcán {x}',
             'pt': 'Vulcão {x}', 'id': 'Gunung Api {x}',
             'vi': 'Núi lửa {x}', 'tl': 'Bulkang {x}', 'th': 'ภูเขาไฟ{x}',
             'ne': '{x} ज्वालामुखी', 'km': 'ភ្នំភ្លើង{x}',
             'my': '{x}မီးတောင်', 'mn': '{x} галт уул'},
 'volcano_group': {'en': '{x} volcano group', 'ko': '{x} 화산군',
                   'es': 'Grupo volcánico {x}', 'pt': 'Grupo vulcânico {x}',
                   'id': 'Kelompok Gunung Api {x}',
                   'vi': 'Cụm núi lửa {x}', 'tl': 'Pangkat ng bulkang {x}',
                   'th': 'กลุ่มภูเขาไฟ{x}', 'ne': '{x} ज्वालामुखी समूह',
                   'km': 'ក្រុមភ្នំភ្លើង{x}', 'my': '{x}မီးတောင်အုပ်စု',
                   'mn': '{x} галт уулын бүлэг'},
 'submarine_volcano': {'en': '{x} submarine volcano', 'ko': '{x} 해저 화산',
                       'es': 'Volcán submarino {x}',
                       'pt': 'Vulcão submarino {x}',
                       'id': 'Gunung Api Bawah Laut {x}',
                       'vi': 'Núi lửa ngầm {x}',
                       'tl': 'Bulkan sa ilalim ng dagat na {x}',
                       'th': 'ภูเขาไฟใต้ทะเล{x}',
                       'ne': '{x} समुद्रमुनिको ज्वालामुखी',
                       'km': 'ភ្នំភ្លើងក្រោមសមុទ្រ{x}',
                       'my': '{x}ရေအောက်မီးတောင်',
                       'mn': '{x} далайн ёроолын галт уул'},
 'section': {'en': '{x} section', 'ko': '{x} 구간', 'es': 'Tramo de {x}',
             'pt': 'Trecho de {x}', 'id': 'Ruas {x}', 'vi': 'Đoạn {x}',
             'tl': 'Bahagi ng {x}', 'th': 'ช่วง{x}', 'ne': '{x} खण्ड',
             'km': 'កំណាត់{x}', 'my': '{x}အပိုင်း', 'mn': '{x} хэсэг'},
}
# The whole coast of a prefecture (津波予報区 岩手県): DESIGN §4's "coast of
# Iwate Prefecture".
COAST_PREF = {'en': 'Coast of {p}', 'es': 'Costa de {p}',
              'pt': 'Litoral de {p}', 'id': 'Pesisir {p}',
              'vi': 'Bờ biển {p}', 'tl': 'Baybayin ng {p}',
              'th': 'ชายฝั่ง{p}', 'ne': '{p}को तट', 'km': 'ឆ្នេរ{p}',
              'my': '{p}ကမ်းရိုးတန်း', 'mn': '{p}-ийн эрэг', 'ko': '{p} 연안'}
# Volcano names are proper names as a whole (阿蘇山 Asosan, 桜島
# Sakurajima, as JMA's English writes them); only these endings are read
# as type words.
VOLCANO_KINDS = {'volcano_group', 'submarine_volcano', 'seamount', 'rocks',
                 'bank'}
# Parts standing alone (由利本荘市沿岸, 富山市平地).
ALONE_WORDS = {
 '沿岸': ('えんがん', {
     'en': 'Coastal area', 'zh-Hans': '沿岸', 'zh-Hant': '沿岸', 'ko': '연안',
     'es': 'Zona costera', 'pt': 'Zona costeira', 'id': 'Wilayah pesisir',
     'vi': 'Vùng ven biển', 'tl': 'Baybaying lugar', 'th': 'ชายฝั่ง',
     'ne': 'तटीय क्षेत्र', 'km': 'តំបន់ឆ្នេរ', 'my': 'ကမ်းရိုးတန်းဒေသ',
     'mn': 'Эргийн бүс'}),
 '内陸': ('ないりく', {
     'en': 'Inland area', 'zh-Hans': '内陆', 'zh-Hant': '內陸', 'ko': '내륙',
     'es': 'Zona interior', 'pt': 'Zona interior', 'id': 'Wilayah pedalaman',
     'vi': 'Vùng nội địa', 'tl': 'Panloob na lugar', 'th': 'พื้นที่ตอนใน',
     'ne': 'भित्री क्षेत्र', 'km': 'តំបន់ខាងក្នុង', 'my': 'ကုန်းတွင်းဒေသ',
     'mn': 'Дотоод бүс'}),
 '平地': ('へいち', {
     'en': 'Plain area', 'zh-Hans': '平地', 'zh-Hant': '平地', 'ko': '평지',
     'es': 'Llanura', 'pt': 'Planície', 'id': 'Dataran', 'vi': 'Vùng đồng bằng',
     'tl': 'Kapatagan', 'th': 'พื้นราบ', 'ne': 'समथर क्षेत्र',
     'km': 'តំបន់ទំនាប', 'my': 'လွင်ပြင်ဒေသ', 'mn': 'Тал газар'}),
 '山間部': ('さんかんぶ', {
     'en': 'Mountain area', 'zh-Hans': '山区', 'zh-Hant': '山區', 'ko': '산간부',
     'es': 'Zona montañosa', 'pt': 'Zona montanhosa', 'id': 'Pegunungan',
     'vi': 'Vùng núi', 'tl': 'Bulubunduking lugar', 'th': 'พื้นที่ภูเขา',
     'ne': 'पहाडी क्षेत्र', 'km': 'តំបន់ភ្នំ', 'my': 'တောင်တန်းဒေသ',
     'mn': 'Уулархаг бүс'}),
}
# Korean type words: Sino-Korean, as JMA writes 지방, 시, 정, 촌, 구.
# Chinese: the Japanese suffix in Chinese characters (bc_zhmap_apply).

# Chinese type and direction words (simplified, traditional): the
# project's, in the Japanese word order JMA's Chinese names keep (石狩地方
# 北部, 陆奥湾).
ZH_WORDS = {
    '地方': ('地方', '地方'), '地域': ('地区', '地區'), '地区': ('地区', '地區'),
    '旧': ('旧', '舊'), '山麓': ('山麓', '山麓'), '水系': ('水系', '水系'),
    '上流部': ('上游', '上游'), '中流部': ('中游', '中游'),
    '下流部': ('下游', '下游'), '上流': ('上游', '上游'),
    '中流': ('中游', '中游'), '下流': ('下游', '下游'),
    '流域': ('流域', '流域'), '区間': ('区间', '區間'),
    '沿岸': ('沿岸', '沿岸'), '内湾': ('内湾', '內灣'), '湾': ('湾', '灣'),
    '諸島': ('诸岛', '諸島'), '列島': ('列岛', '列島'), '群島': ('群岛', '群島'),
    '半島': ('半岛', '半島'), '水道': ('水道', '水道'),
    '海峡': ('海峡', '海峽'), '海山': ('海山', '海山'), '列岩': ('列岩', '列岩'),
    '島': ('岛', '島'), '本島': ('本岛', '本島'), '灘': ('滩', '灘'),
    '海': ('海', '海'), '湖': ('湖', '湖'), '堆': ('堆', '堆'),
    '川': ('川', '川'), '市': ('市', '市'), '町': ('町', '町'),
    '村': ('村', '村'), '区': ('区', '區'), '火山群': ('火山群', '火山群'),
    '海底火山': ('海底火山', '海底火山'), '火山': ('火山', '火山'),
    '平野部': ('平原地区', '平原地區'), '山沿い': ('沿山地区', '沿山地區'),
    '付近': ('附近', '附近'), '附近': ('附近', '附近'), '除': ('除', '除'),
    '北部': ('北部', '北部'), '南部': ('南部', '南部'), '東部': ('东部', '東部'),
    '西部': ('西部', '西部'), '中部': ('中部', '中部'),
    '北東部': ('东北部', '東北部'), '北西部': ('西北部', '西北部'),
    '南東部': ('东南部', '東南部'), '南西部': ('西南部', '西南部'),
    '中北部': ('中北部', '中北部'), '中南部': ('中南部', '中南部'),
    '中西部': ('中西部', '中西部'), '中東部': ('中东部', '中東部'),
}

# Where the suffix means "in", the part is placed in its prefecture or
# municipality ("Northern Tsugaru, Aomori Prefecture").
IN = {'en': '{x}, {p}', 'es': '{x}, {p}', 'pt': '{x}, {p}', 'id': '{x}, {p}',
      'vi': '{x}, {p}', 'tl': '{x}, {p}', 'th': '{x} {p}', 'ne': '{p}, {x}',
      'km': '{x} {p}', 'my': '{x}၊ {p}', 'mn': '{p}, {x}', 'ko': '{p} {x}'}
# A coast of a prefecture ("Pacific coast of eastern Hokkaido").
COAST_OF = {'en': '{x} of {p}', 'es': '{x} de {p}', 'pt': '{x} de {p}',
            'id': '{x} {p}', 'vi': '{x} của {p}', 'tl': '{x} sa {p}',
            'th': '{x}{p}', 'ne': '{p}को {x}', 'km': '{x}នៃ{p}',
            'my': '{p}၏ {x}', 'mn': '{p}-ийн {x}', 'ko': '{p} {x}'}
AND = {'en': ' and ', 'es': ' y ', 'pt': ' e ', 'id': ' dan ', 'vi': ' và ',
       'tl': ' at ', 'th': 'และ', 'ne': ' र ', 'km': 'និង', 'my': 'နှင့် ',
       'mn': ' ба ', 'ko': '·'}
LIST_SEP = {'en': ', ', 'es': ', ', 'pt': ', ', 'id': ', ', 'vi': ', ',
            'tl': ', ', 'th': ' ', 'ne': ', ', 'km': ' ', 'my': '၊ ',
            'mn': ', ', 'ko': '·'}
PAREN = {l: '{x} ({y})' for l in LANGS}
EXCEPT = {'en': '{x} (except {y})', 'es': '{x} (excepto {y})',
          'pt': '{x} (exceto {y})', 'id': '{x} (kecuali {y})',
          'vi': '{x} (trừ {y})', 'tl': '{x} (maliban sa {y})',
          'th': '{x} (ยกเว้น{y})', 'ne': '{x} ({y} बाहेक)',
          'km': '{x} (លើកលែង{y})', 'my': '{x} ({y} မပါ)',
          'mn': '{x} ({y}-аас бусад)', 'ko': '{x}({y} 제외)'}
NEAR = {'en': 'around {x}', 'es': 'alrededores de {x}',
        'pt': 'arredores de {x}', 'id': 'sekitar {x}',
        'vi': 'khu vực quanh {x}', 'tl': 'paligid ng {x}',
        'th': 'บริเวณรอบ{x}', 'ne': '{x} वरपर', 'km': 'តំបន់ជុំវិញ{x}',
        'my': '{x}ပတ်ဝန်းကျင်', 'mn': '{x}-ийн орчим', 'ko': '{x} 주변'}

# Words that are not proper names, written by the project in every
# language.  Seas follow JMA's own epicentre names (日本海北部, オホーツク海
# 南部 …) where it has them.
HAND = {
 '太平洋': ('たいへいよう', {
     'en': 'Pacific', 'zh-Hans': '太平洋', 'zh-Hant': '太平洋',
     'ko': '태평양', 'es': 'Pacífico', 'pt': 'Pacífico', 'id': 'Pasifik',
     'vi': 'Thái Bình Dương', 'tl': 'Pasipiko', 'th': 'มหาสมุทรแปซิฟิก',
     'ne': 'प्रशान्त महासागर', 'km': 'មហាសមុទ្រប៉ាស៊ីហ្វិក',
     'my': 'ပစိဖိတ်သမုဒ္ဒရာ', 'mn': 'Номхон далай'}),
 '日本海': ('にほんかい', {
     'en': 'Sea of Japan', 'zh-Hans': '日本海', 'zh-Hant': '日本海',
     'ko': '일본해', 'es': 'Mar de Japón', 'pt': 'Mar do Japão',
     'id': 'Laut Jepang', 'vi': 'biển Nhật Bản', 'tl': 'Japan Sea',
     'th': 'ทะเลญี่ปุ่น', 'ne': 'जापान सागर', 'km': 'សមុទ្រជប៉ុន',
     'my': 'ဂျပန်ပင်လယ်', 'mn': 'Япон тэнгис'}),
 'オホーツク海': ('おほーつくかい', {
     'en': 'Sea of Okhotsk', 'zh-Hans': '鄂霍次克海', 'zh-Hant': '鄂霍次克海',
     'ko': '오호츠크 해', 'es': 'Mar de Ojotsk', 'pt': 'Mar de Okhotsk',
     'id': 'Laut Okhotsk', 'vi': 'biển Okhotsk', 'tl': 'Okhotsk Sea',
     'th': 'ทะเลโอค็อตสค์', 'ne': 'ओखोत्स्क सागर',
     'km': 'សមុទ្រអូខុតស្ក', 'my': 'အော့ဟောက်စ်ပင်လယ်',
     'mn': 'Охотын тэнгис'}),
 '２３区': ('にじゅうさんく', {
     'en': '23 wards', 'zh-Hans': '23区', 'zh-Hant': '23區', 'ko': '23구',
     'es': '23 distritos', 'pt': '23 distritos', 'id': '23 distrik',
     'vi': '23 quận', 'tl': '23 Wards', 'th': '23 เขต', 'ne': '२३ वडा',
     'km': '23 ខណ្ឌ', 'my': '၂၃ ရပ်ကွက်', 'mn': '23 дүүрэг'}),
 '外海': ('そとうみ', {
     'en': 'Open-sea coast', 'zh-Hans': '外海', 'zh-Hant': '外海',
     'ko': '외해', 'es': 'Costa de mar abierto', 'pt': 'Costa de mar aberto',
     'id': 'Pesisir laut lepas', 'vi': 'Bờ biển hướng ra biển khơi',
     'tl': 'Baybaying nakaharap sa laot', 'th': 'ชายฝั่งทะเลเปิด',
     'ne': 'खुला समुद्री तट', 'km': 'ឆ្នេរសមុទ្របើកចំហ',
     'my': 'ပင်လယ်ပြင်ဘက်ကမ်းရိုးတန်း', 'mn': 'Задгай тэнгисийн эрэг'}),
 '瀬戸内海': ('せとないかい', {
     'en': 'Seto Inland Sea', 'zh-Hans': '濑户内海', 'zh-Hant': '瀨戶內海',
     'ko': '세토 내해', 'es': 'Mar Interior de Seto',
     'pt': 'Mar Interior de Seto', 'id': 'Laut Pedalaman Seto',
     'vi': 'biển nội địa Seto', 'tl': 'Seto Inland Sea',
     'th': 'ทะเลในเซโตะ', 'ne': 'सेतो भित्री सागर',
     'km': 'សមុទ្រខាងក្នុងសេតូ', 'my': 'ဆေတိုကုန်းတွင်းပင်လယ်',
     'mn': 'Сэтогийн дотоод тэнгис'}),
}

SPECIAL_VOLCANO = {
 '西表島北北東海底火山': {
     'en': 'Submarine volcano NNE of Iriomotejima Island',
     'zh-Hans': '西表岛北北东海底火山', 'zh-Hant': '西表島北北東海底火山',
     'ko': '이리오모테 섬 북북동 해저 화산',
     'es': 'Volcán submarino al NNE de la isla Iriomotejima',
     'pt': 'Vulcão submarino a NNE da ilha Iriomotejima',
     'id': 'Gunung Api Bawah Laut UTL Pulau Iriomotejima',
     'vi': 'Núi lửa ngầm phía bắc-đông bắc đảo Iriomotejima',
     'tl': 'Bulkan sa ilalim ng dagat sa HHS ng Iriomotejima Island',
     'th': 'ภูเขาไฟใต้ทะเลทางเหนือ-ตะวันออกเฉียงเหนือของเกาะ Iriomotejima',
     'ne': 'Iriomotejima टापुको उत्तर-उत्तरपूर्वमा रहेको समुद्रमुनिको ज्वालामुखी',
     'km': 'ភ្នំភ្លើងក្រោមសមុទ្រខាងជើង-ឦសាននៃកោះ Iriomotejima',
     'my': 'Iriomotejima ကျွန်း မြောက်-အရှေ့မြောက်ဘက် ရေအောက်မီးတောင်',
     'mn': 'Iriomotejima арлын хойд-зүүн хойд талын далайн ёроолын галт уул'},
 '全国の活火山': {
     'en': 'Active volcanoes nationwide', 'zh-Hans': '全国的活火山',
     'zh-Hant': '全國的活火山', 'ko': '전국의 활화산',
     'es': 'Volcanes activos de todo el país',
     'pt': 'Vulcões ativos de todo o país',
     'id': 'Gunung api aktif di seluruh negeri',
     'vi': 'Các núi lửa đang hoạt động trên toàn quốc',
     'tl': 'Mga aktibong bulkan sa buong bansa',
     'th': 'ภูเขาไฟที่ยังคุกรุ่นทั่วประเทศ',
     'ne': 'देशभरका सक्रिय ज्वालामुखीहरू',
     'km': 'ភ្នំភ្លើងសកម្មទូទាំងប្រទេស',
     'my': 'တစ်နိုင်ငံလုံးရှိ မီးတောင်ရှင်များ',
     'mn': 'Улс даяарх идэвхтэй галт уулс'},
 'その他の活火山': {
     'en': 'Other active volcanoes', 'zh-Hans': '其他活火山',
     'zh-Hant': '其他活火山', 'ko': '기타 활화산',
     'es': 'Otros volcanes activos', 'pt': 'Outros vulcões ativos',
     'id': 'Gunung api aktif lainnya',
     'vi': 'Các núi lửa đang hoạt động khác',
     'tl': 'Iba pang aktibong bulkan', 'th': 'ภูเขาไฟที่ยังคุกรุ่นอื่น ๆ',
     'ne': 'अन्य सक्रिय ज्वालामुखीहरू', 'km': 'ភ្នំភ្លើងសកម្មផ្សេងទៀត',
     'my': 'အခြားမီးတောင်ရှင်များ', 'mn': 'Бусад идэвхтэй галт уулс'},
 '新たな活火山': {
     'en': 'Newly identified active volcano', 'zh-Hans': '新的活火山',
     'zh-Hant': '新的活火山', 'ko': '새로운 활화산',
     'es': 'Nuevo volcán activo', 'pt': 'Novo vulcão ativo',
     'id': 'Gunung api aktif baru', 'vi': 'Núi lửa đang hoạt động mới',
     'tl': 'Bagong aktibong bulkan', 'th': 'ภูเขาไฟที่ยังคุกรุ่นแห่งใหม่',
     'ne': 'नयाँ सक्रिय ज्वालामुखी', 'km': 'ភ្នំភ្លើងសកម្មថ្មី',
     'my': 'မီးတောင်ရှင်အသစ်', 'mn': 'Шинэ идэвхтэй галт уул'},
}


# Names ending in 島 that are no island (渡島 is a subprefecture).
NOT_ISLAND = {'渡島', '福島', '広島', '徳島', '鹿児島', '三島', '鹿島', '川島'}


def kata2hira(s):
    return ''.join(chr(ord(c) - 0x60) if 'ァ' <= c <= 'ヶ' else c for c in s)


def is_kana(c):
    return '\u3041' <= c <= '\u30ff'


class Node:
    """kind: 'off' (official names), 'hand', 'prop', 'type', 'dir',
    'in', 'coast_of', 'list', 'paren', 'except', 'near'."""

    def __init__(self, kind, ja, kana='', **kw):
        self.kind = kind
        self.ja = ja
        self.kana = kana
        self.__dict__.update(kw)

    def __repr__(self):
        if self.kind in ('prop', 'off', 'hand'):
            return '%s(%s)' % (self.kind, self.ja)
        kids = getattr(self, 'kids', [])
        return '%s:%s[%s]' % (self.kind, getattr(self, 'key', ''),
                              ', '.join(map(repr, kids)))


class Deriver:
    def __init__(self, tool, lexicon, prefs):
        """lexicon: Japanese name -> (kana or '', {lang: official name}),
        whole places JMA has translated.  prefs: Japanese name (青森県) ->
        (kana, {lang: name}, {lang: stem}) for every prefecture."""
        self.tool = tool
        self.lex = lexicon
        self.prefs = prefs
        self.known = set()   # proper names known on their own (for 北X)
        self.munis = {}      # 札幌市 -> (kana, official names or None)
        self._nolex = False
        self.unchecked = {'zh-Hans': set(), 'zh-Hant': set()}
        self.zh_known = set()   # characters of the mapping
        self.regions = {}    # 東北 -> JMA's names of 東北地方 (epicentres)
        self.readings = {}   # ja -> kana of parts, to split A・B readings

    # ---- parsing ------------------------------------------------------

    def parse(self, ja, kana, ctx='', parent=None):
        """The tree of ja with its reading (hiragana).  ctx ('volcano',
        'river', 'flood', 'tsunami' …) changes which endings are type words.
        parent: (ja, kana, official names or None) of the municipality the
        name starts with (釧路市 of 釧路市阿寒)."""
        kana = kata2hira(kana)
        if parent and ja.startswith(parent[0]) and \
                kana.startswith(parent[1]) and ja != parent[0]:
            pj, pk, pn = parent
            if pn:
                pnode = Node('off', pj, pk, names=pn)
            else:
                pnode = self._parse(pj, pk, ctx)
                if pnode.kind == 'prop' and not pj.endswith(('市', '町',
                                                              '村')):
                    # 浜松 of 浜松中央区: the city's name as JMA's English
                    # writes wards ("Tenryu Ward, Hamamatsu")
                    pass
            rj, rk = ja[len(pj):], kana[len(pk):]
            m = re.fullmatch(r'[（(](.+?)(を?除く)?[）)]', rj)
            if m:   # 西海市（江島・平島を除く）
                if m.group(2):
                    rk = re.sub('(を)?のぞく$', '', rk)
                    return Node('except', ja, kana, kids=[
                        pnode, self._parse(m.group(1), rk, ctx)])
                return Node('paren', ja, kana, kids=[
                    pnode, self._parse(m.group(1), rk, ctx)])
            rest = self._parse(rj, rk, ctx)
            if rest.kind == 'dir' and not rest.kids:
                return Node('dir', ja, kana, key=rest.key, kids=[pnode])
            return Node('in', ja, kana, kids=[rest, pnode])
        return self._parse(ja, kana, ctx, top=True)

    def _split_list(self, parts, kana):
        """Readings of A・B・C: from a reading with ・ in it, or by the
        readings known for all but one part."""
        if kana.count('・') == len(parts) - 1:
            return kana.split('・')
        kana = kana.replace('・', '')
        out = [None] * len(parts)
        rest = kana
        # from the left while known
        i = 0
        while i < len(parts):
            k = self._reading_of(parts[i], rest, left=True)
            if k is None:
                break
            out[i] = k
            rest = rest[len(k):]
            i += 1
        j = len(parts) - 1
        while j > i:
            k = self._reading_of(parts[j], rest, left=False)
            if k is None:
                break
            out[j] = k
            rest = rest[:-len(k)] if k else rest
            j -= 1
        if i == j:
            out[i] = rest
            if rest:
                return out
        if all(o for o in out):
            return out
        raise DeriveError('cannot split the reading %s of %s' %
                          (kana, '・'.join(parts)))

    def _reading_of(self, ja, kana, left):
        cands = set(self.readings.get(ja, ()))
        for k in sorted(cands, key=len, reverse=True):
            if (kana.startswith(k) if left else kana.endswith(k)):
                return k
        return None

    def _parse(self, ja, kana, ctx, top=False, region=False):
        if not ja:
            raise DeriveError('empty part (reading %s)' % kana)
        # Parenthesised notes: 霧島山（新燃岳）, 西海市（江島・平島を除く）.
        m = re.fullmatch(r'(.+?)[（(](.+)[）)]', ja)
        if m:
            km = re.fullmatch(r'(.+?)[（(](.+)[）)]', kana)
            main, note = m.group(1), m.group(2)
            if km:
                mk, nk = km.group(1), km.group(2)
            else:
                mk, nk = self._cut(main, kana)
            ex = re.fullmatch(r'(.+)(を)?除く', note)
            if ex and nk.endswith('のぞく'):
                inner = ex.group(1).rstrip('を')
                ik = nk[:-len('のぞく')].rstrip('を')
                return Node('except', ja, kana,
                            kids=[self._parse(main, mk, ctx),
                                  self._parse(inner, ik, ctx)])
            return Node('paren', ja, kana,
                        kids=[self._parse(main, mk, ctx, top),
                              self._parse(note, nk, ctx)])
        # A～B: a stretch of river between two places.
        if '～' in ja and kana.count('～') == ja.count('～') == 1:
            (a, b), (ka, kb) = ja.split('～'), kana.split('～')
            return Node('range', ja, kana, kids=[self._parse(a, ka, ''),
                                                 self._parse(b, kb, '')])
        # Whole places JMA has translated.
        if ja in self.lex and not (top and ctx == 'volcano') and \
                not self._nolex:
            return Node('off', ja, kana, names=self.lex[ja][1])
        if ja in self.prefs:
            return Node('off', ja, kana, names=self.prefs[ja][1])
        if ja in HAND:
            return Node('hand', ja, kana, names=HAND[ja][1])
        # 東北 of 東北地方太平洋沿岸, 近畿四国: JMA's eleven regions, for a
        # whole name or the region of a coast only (沖縄本島 is no region).
        if ja in self.regions and ctx != 'volcano' and (top or region):
            return Node('off', ja, kana, names=self.regions[ja])
        for i in range(1, len(ja)):
            a, b = ja[:i], ja[i:]
            if a in self.regions and b in self.regions and \
                    ctx != 'volcano' and (top or region):
                return Node('list', ja, kana, kids=[
                    Node('off', a, '', names=self.regions[a]),
                    Node('off', b, '', names=self.regions[b])])
        # A municipality first (札幌市新川水系).
        if ctx == 'flood':
            for mj, (mk, mn) in self.munis.items():
                if ja.startswith(mj) and kana.startswith(mk) and \
                        len(ja) > len(mj):
                    mnode = (Node('off', mj, mk, names=mn) if mn else
                             self._parse(mj, mk, ''))
                    return Node('in', ja, kana, kids=[
                        self._parse(ja[len(mj):], kana[len(mk):], ctx),
                        mnode])
        # A prefecture first: 青森県日本海沿岸, 千葉県九十九里・外房.
        for pj, (pk, pnames, pstems) in sorted(self.prefs.items(),
                                                key=lambda x: -len(x[0])):
            if ja.startswith(pj) and len(ja) > len(pj) and \
                    kana.startswith(pk) and ctx != 'volcano':
                rest = self._parse(ja[len(pj):], kana[len(pk):], ctx)
                pnode = Node('off', pj, pk, names=pnames, stems=pstems)
                if rest.kind == 'dir' and rest.kids and \
                        rest.kids[0].kind == 'type' and \
                        rest.kids[0].key == 'coast':
                    # 北海道太平洋沿岸東部: the coast of eastern Hokkaido
                    d = Node('dir', pj, pk, key=rest.key, kids=[pnode],
                             stem=True)
                    return Node('coast_of', ja, kana, kids=[rest.kids[0], d])
                if rest.kind == 'type' and rest.key == 'coast' or \
                        rest.kind == 'hand' and rest.ja == '外海':
                    # 愛知県外海: "Open-sea coast of Aichi Prefecture",
                    # not "…, Aichi" (a list of two places)
                    return Node('coast_of', ja, kana, kids=[rest, pnode])
                if rest.kind == 'dir' and not rest.kids:
                    return Node('dir', ja, kana, key=rest.key,
                                kids=[pnode])
                if ja[len(pj):] == '地方':   # 沖縄県地方
                    return pnode
                return Node('in', ja, kana, kids=[rest, pnode])
        # A・B
        if '・' in ja:
            parts = ja.split('・')
            # 中・西部: one word with a shared suffix
            for dj, dk, dkey in DIR_SUFFIX:
                if ja.endswith(dj) and '・' in dj:
                    break
            else:
                ks = self._split_list(parts, kana)
                kids = [self._parse(p, k, ctx) for p, k in zip(parts, ks)]
                if all(k.kind == 'prop' and
                       getattr(k, 'stem_ja', None) is None
                       for k in kids[:-1]) and kids[-1].kind == 'off':
                    # 伊勢・三河湾: 三河湾 is JMA's, but 伊勢 shares its 湾
                    self._nolex = True
                    try:
                        kids[-1] = self._parse(parts[-1], ks[-1], ctx)
                    finally:
                        self._nolex = False
                last = kids[-1]
                # 種子島・屋久島地方, 宮古島・八重山地方: one region named by
                # its islands ("Region of Tanegashima and Yakushima"), not
                # an island and a region (Isla Tanegashima y Región Isla
                # Yakushima); the islands' own type word is left out.
                if last.kind == 'type' and last.key == 'region' and \
                        all(_island_or_name(k) for k in kids[:-1]):
                    inner = Node('list', ja, kana, kids=[
                        _bare_island(k) for k in kids[:-1]] +
                        [last.kids[0]])
                    return Node('type', ja, kana, key='region',
                                suffix=last.suffix, kids=[inner])
                # 伊勢・三河湾, 有明・八代海: the type word of the last part
                # is shared ("Ise and Mikawa Bay"), unless the parts before
                # carry the same one (奄美群島・トカラ列島).
                if last.kind == 'type' and not getattr(last, 'prefix',
                                                       False) and \
                        all(k.kind == 'prop' and
                            getattr(k, 'stem_ja', None) is None
                            for k in kids[:-1]) and \
                        not (last.kids[0].kind == 'prop' and
                             getattr(last.kids[0], 'stem_ja', None)):
                    inner = Node('list', ja, kana,
                                 kids=kids[:-1] + [last.kids[0]])
                    return Node('type', ja, kana, key=last.key,
                                suffix=last.suffix, kids=[inner])
                return Node('list', ja, kana, kids=kids)
        # Direction suffixes; of two readings (嶺南東部: 嶺南 + 東部 or
        # 嶺 + 南東部) the one that leaves a known place.
        matches = []
        for dj, dk, dkey in DIR_SUFFIX:
            if ja.endswith(dj) and kana.endswith(dk):
                base, bk = ja[:-len(dj)], kana[:-len(dk)]
                if len(dj) == 1 and base not in self.known:
                    continue
                if dj == '中央' and not base:
                    continue   # 中央区 is Chuo Ward
                matches.append((base in self.known or not base, dj, dk,
                                dkey))
        if matches:
            known = [m for m in matches if m[0]]
            _, dj, dk, dkey = (known or matches)[0]
            base, bk = ja[:-len(dj)], kana[:-len(dk)]
            if not base:
                return Node('dir', ja, kana, key=dkey, kids=[])
            kid = self._parse(base, bk, ctx)
            if kid.kind == 'dir' and not kid.kids and \
                    (dkey, kid.key) in DIR_MERGE:
                # 東部南: the south of the east, south-eastern
                return Node('dir', ja, kana, key=DIR_MERGE[(dkey, kid.key)],
                            kids=[])
            return Node('dir', ja, kana, key=dkey, kids=[kid])
        # 旧X町 (former town)
        if ja.startswith('旧') and kana.startswith('きゅう') and len(ja) > 1:
            return Node('type', ja, kana, key='former', suffix='旧',
                        prefix=True, kids=[self._parse(ja[1:], kana[3:],
                                                       ctx)])
        if ja in ALONE_WORDS and kana == ALONE_WORDS[ja][0]:
            return Node('hand', ja, kana, names=ALONE_WORDS[ja][1])
        # Type suffixes.
        for tj, tks, key, keep in TYPE_SUFFIX:
            if not ja.endswith(tj) or len(ja) == len(tj):
                continue
            if ctx == 'volcano' and key not in VOLCANO_KINDS:
                continue
            if key in ('river', 'river_system', 'upper', 'middle', 'lower',
                       'basin', 'section') and ctx not in ('river', 'flood'):
                continue   # 上川 is a place, not a river
            if key == 'island' and ja in NOT_ISLAND:
                continue
            if key in ('city', 'town', 'village', 'ward') and \
                    ctx == 'forecast' and not top:
                continue   # 十日町地域: 十日町 is a name here
            for tk in tks:
                if kana.endswith(tk) and len(kana) > len(tk):
                    base, bk = ja[:-len(tj)], kana[:-len(tk)]
                    if key == 'coast':
                        # 東北地方太平洋沿岸: the Pacific coast of a region
                        for hj, (hk, hn) in HAND.items():
                            if base.endswith(hj) and bk.endswith(hk) and \
                                    base != hj:
                                sea = Node('type', hj + tj, hk + tk,
                                           key='coast', suffix=tj, kids=[
                                               Node('hand', hj, hk,
                                                    names=hn)])
                                return Node('coast_of', ja, kana, kids=[
                                    sea, self._parse(base[:-len(hj)],
                                                     bk[:-len(hk)], ctx,
                                                     region=True)])
                    if keep:
                        kid = self._parse_proper(ja, kana, base, bk, ctx)
                    else:
                        kid = self._parse(base, bk, ctx)
                    if key == 'region':
                        kid = _bare_island(kid)   # 大東島地方
                    return Node('type', ja, kana, key=key, kids=[kid],
                                suffix=tj, stem_kana=bk)
        # Direction prefixes of coined names: 北空知, 西津軽.
        for dj, dk, dkey in DIR_PREFIX:
            rest = ja[len(dj):]
            if ja.startswith(dj) and kana.startswith(dk) and rest and \
                    (rest in self.known or dj.endswith('部')):
                return Node('dir', ja, kana, key=dkey, prefix=True,
                            kids=[self._parse(rest, kana[len(dk):], ctx)])
        for nj, nk in (('付近', 'ふきん'), ('周辺', 'しゅうへん')):
            if ja.endswith(nj) and kana.endswith(nk) and len(ja) > 2:
                return Node('near', ja, kana, kids=[
                    self._parse(ja[:-2], kana[:-len(nk)], ctx)])
        comp = self._compound(ja, kana)
        if comp:
            return comp
        return Node('prop', ja, kana)

    def _compound(self, ja, kana):
        """A coined name of two known places (北秋鹿角 = 北秋 + 鹿角, 仙北平鹿):
        JMA's English writes them as two words ("Hokusyu Kazuno")."""
        for i in range(2, len(ja) - 1):
            a, b = ja[:i], ja[i:]
            for ka in self.readings.get(a, ()):
                kb = kana[len(ka):]
                if kana.startswith(ka) and kb and \
                        kb in self.readings.get(b, ()):
                    return Node('compound', ja, kana, kids=[
                        Node('prop', a, ka), Node('prop', b, kb)])
        return None

    def _parse_proper(self, ja, kana, base, bk, ctx):
        """The name of a type that keeps its reading (八丈島 → Hachijojima
        Island): a known place, or the proper name with the whole reading."""
        if base in self.lex:
            return Node('off', base, bk, names=self.lex[base][1])
        return Node('prop', ja, kana, stem_kana=bk, stem_ja=base)

    def _cut(self, ja, kana):
        """The reading of ja at the start of kana, and the rest: a reading
        known for ja, or the reading of the word ja ends with (綾瀬川中流部
        ends where ちゅうりゅうぶ does)."""
        k = self._reading_of(ja, kana, left=True)
        if k is None:
            for w, ks in ([(t[0], t[1]) for t in TYPE_SUFFIX] +
                          [(d[0], [d[1]]) for d in DIR_SUFFIX]):
                if not ja.endswith(w) or len(w) < 2:
                    continue
                for wk in ks:
                    i = kana.rfind(wk)
                    if 0 < i and i + len(wk) < len(kana):
                        k = kana[:i + len(wk)]
                        break
                if k:
                    break
        if k is None:
            raise DeriveError('cannot align the reading %s of %s' %
                              (kana, ja))
        return k, kana[len(k):]

    # ---- writing --------------------------------------------------------

    def render(self, node, lang, used):
        """The name of node in lang; used collects the sources: 'jma',
        'kana', 'project'."""
        k = node.kind
        if k == 'off':
            used.add('jma')
            return node.names[lang]
        if k == 'hand':
            used.add('project')
            return node.names[lang]
        if k == 'prop':
            return self.proper(node, lang, used)
        if lang in ('zh-Hans', 'zh-Hant'):
            return self.render_zh(node, lang, used)
        kids = [self.render(c, lang, used) for c in getattr(node, 'kids',
                                                                [])]
        if k == 'list':
            def join(a, sep, b):
                if lang in _TIGHT:
                    sep = sep_latin(a, sep) + sep + sep_latin(sep, b)
                return a + sep + b
            out = kids[0]
            for i, x in enumerate(kids[1:], 1):
                out = join(out, AND[lang] if i == len(kids) - 1
                           else LIST_SEP[lang], x)
            return out
        if k == 'type':
            used.add('project')
            if lang == 'ko' and node.key in ('island', 'river'):
                # Korean writes the stem: 다네가 섬, 도네강 (a one-kanji
                # stem keeps the whole reading: 新川 신카와강).
                kid = node.kids[0]
                if kid.kind == 'prop' and getattr(kid, 'stem_kana', '') \
                        and len(getattr(kid, 'stem_ja', '')) > 1:
                    used.add('kana')
                    return T[node.key]['ko'].format(
                        x=self.tool.hangul(kid.stem_kana))
            if node.key == 'region' and lang == 'es' and \
                    node.kids[0].kind == 'list':
                # Región de Tanegashima y Yakushima
                return fill('Región de {x}', x=kids[0], lang=lang)
            if node.key == 'former' and lang == 'pt' and \
                    kids[0].startswith(('vila ', 'cidade ')):
                return 'antiga ' + kids[0]   # vila, cidade: feminine
            return fill(T[node.key][lang], x=kids[0], lang=lang)
        if k == 'dir':
            used.add('project')
            if not kids:
                x = ''
            elif getattr(node, 'stem', False) and node.kids[0].kind == 'off':
                x = node.kids[0].stems[lang]
            else:
                x = kids[0]
            if lang == 'ko':
                return (x + ' ' + KO_DIR[node.key]).strip()
            if not x:
                return DIR_ALONE[lang][node.key]
            return fill(DIRS[lang][node.key], x=x, lang=lang)
        if k == 'in':
            return fill(IN[lang], x=kids[0], p=kids[1], lang=lang)
        if k == 'coast_of':
            return fill(COAST_OF[lang], x=kids[0], p=kids[1], lang=lang)
        if k == 'coast_pref':
            used.add('project')
            return fill(COAST_PREF[lang], p=kids[0], lang=lang)
        if k == 'paren':
            return kids[0] + ' (' + kids[1] + ')'
        if k == 'except':
            return fill(EXCEPT[lang], x=kids[0], y=kids[1], lang=lang)
        if k == 'near':
            return fill(NEAR[lang], x=kids[0], lang=lang)
        if k == 'range':
            return kids[0] + ' – ' + kids[1]
        if k == 'compound':
            return kids[0] + ' ' + kids[1]
        raise DeriveError('cannot write %r' % node)

    def render_zh(self, node, lang, used):
        """Chinese follows the Japanese word order: the Japanese name in
        Chinese characters, with the proper names that have none
        romanised."""
        k = node.kind
        hant = lang == 'zh-Hant'
        kids = [self.render(c, lang, used) for c in getattr(node, 'kids',
                                                                [])]
        if k == 'list':
            return '、'.join(kids)
        if k == 'type':
            used.add('project')
            kid = node.kids[0]
            if kid.kind == 'prop' and getattr(kid, 'stem_ja', None) is not \
                    None and kid.ja == node.ja:
                return kids[0]   # 八丈島: the name holds the type word
            suf = self.zh_word(node.suffix, hant)
            if getattr(node, 'prefix', False):
                return suf + kids[0]
            return kids[0] + sep_latin(kids[0], suf) + suf
        if k == 'dir':
            used.add('project')
            x = kids[0] if kids else ''
            if getattr(node, 'stem', False) and node.kids[0].kind == 'off':
                x = node.kids[0].stems[lang]
            d = self.zh_word(ZH_DIR[node.key], hant)
            if getattr(node, 'prefix', False):
                return self.zh_word(node.ja[0], hant) + x
            return x + sep_latin(x, d) + d
        if k in ('in', 'coast_of'):
            return kids[1] + sep_latin(kids[1], kids[0]) + kids[0]
        if k == 'coast_pref':
            used.add('project')
            return kids[0] + self.zh_word('沿岸', hant)
        if k == 'paren':
            return kids[0] + '（' + kids[1] + '）'
        if k == 'except':
            return kids[0] + '（' + self.zh_word('除', hant) + kids[1] + '）'
        if k == 'near':
            return kids[0] + self.zh_word('附近', hant)
        if k == 'range':
            return kids[0] + '～' + kids[1]
        if k == 'compound':
            return kids[0] + sep_latin(kids[0], kids[1]) + kids[1]
        raise DeriveError('cannot write %r in Chinese' % node)

    def zh_word(self, ja, hant):
        if ja in ZH_WORDS:
            return ZH_WORDS[ja][hant]
        r = self.tool.zh(ja, hant)
        if r is None or r[1]:
            raise DeriveError('no checked Chinese form of %s' % ja)
        return r[0]

    def proper(self, node, lang, used):
        kana = node.kana
        if lang in ('zh-Hans', 'zh-Hant'):
            # 々 repeats the character before it (佐々木 → 佐佐木).
            ja = re.sub('(.)々', r'\1\1', node.ja)
            r = self.tool.zh(ja, lang == 'zh-Hant')
            if r is not None and not self.tool.ja_only(r[0]):
                used.add('zhmap' if not r[1] else 'zhmap-unchecked')
                if r[1]:
                    self.unchecked[lang].update(
                        c for c in ja if c not in self.zh_known)
                return r[0]
            used.add('kana')
            return self.tool.latin(kana)
        used.add('kana')
        if lang == 'ko':
            return self.tool.hangul(kana)
        return self.tool.latin(kana)


def _island_or_name(node):
    return node.kind == 'prop' or node.kind == 'type' and \
        node.key == 'island' and node.kids[0].kind == 'prop'


def _bare_island(node):
    """An island named inside a region is its name alone (大東島地方:
    Daitojima Region), written from its whole reading."""
    if node.kind == 'type' and node.key == 'island' and \
            node.kids[0].kind == 'prop' and \
            getattr(node.kids[0], 'stem_ja', None) is not None:
        return node.kids[0]
    return node


# Directions standing alone (forecast class10 名: 北部, 南東部).
DIR_ALONE = {
    'en': {'N': 'Northern Region', 'S': 'Southern Region',
           'E': 'Eastern Region', 'W': 'Western Region',
           'C': 'Central Region', 'NE': 'Northeastern Region',
           'NW': 'Northwestern Region', 'SE': 'Southeastern Region',
           'SW': 'Southwestern Region', 'CN': 'Central and Northern Region',
           'CS': 'Central and Southern Region',
           'CW': 'Central and Western Region',
           'CE': 'Central and Eastern Region'},
}
for _l, _d in DIRS.items():
    if _l != 'en':
        DIR_ALONE[_l] = {}
_REGION_WORD = {'es': 'Región', 'pt': 'Região', 'id': 'Wilayah',
                'vi': 'Miền', 'tl': 'Rehiyon', 'th': 'ภาค',
                'ne': 'भाग', 'km': 'តំបន់', 'my': 'ပိုင်း', 'mn': 'хэсэг'}
_ALONE = {
    'es': {'N': 'Región Norte', 'S': 'Región Sur', 'E': 'Región Este',
           'W': 'Región Oeste', 'C': 'Región Central',
           'NE': 'Región Noreste', 'NW': 'Región Noroeste',
           'SE': 'Región Sudeste', 'SW': 'Región Suroeste',
           'CN': 'Región Centro-Norte', 'CS': 'Región Centro-Sur',
           'CW': 'Región Centro-Oeste', 'CE': 'Región Centro-Este'},
    'pt': {'N': 'Região Norte', 'S': 'Região Sul', 'E': 'Região Leste',
           'W': 'Região Oeste', 'C': 'Região Central',
           'NE': 'Região Nordeste', 'NW': 'Região Noroeste',
           'SE': 'Região Sudeste', 'SW': 'Região Sudoeste',
           'CN': 'Região Centro-Norte', 'CS': 'Região Centro-Sul',
           'CW': 'Região Centro-Oeste', 'CE': 'Região Centro-Leste'},
    'id': {'N': 'Bagian Utara', 'S': 'Bagian Selatan', 'E': 'Bagian Timur',
           'W': 'Bagian Barat', 'C': 'Bagian Tengah',
           'NE': 'Bagian Timur Laut', 'NW': 'Bagian Barat Laut',
           'SE': 'Bagian Tenggara', 'SW': 'Bagian Barat Daya',
           'CN': 'Bagian Tengah dan Utara', 'CS': 'Bagian Tengah dan Selatan',
           'CW': 'Bagian Tengah dan Barat', 'CE': 'Bagian Tengah dan Timur'},
    'vi': {'N': 'Miền Bắc', 'S': 'Miền Nam', 'E': 'Miền Đông',
           'W': 'Miền Tây', 'C': 'Miền Trung', 'NE': 'Miền Đông Bắc',
           'NW': 'Miền Tây Bắc', 'SE': 'Miền Đông Nam', 'SW': 'Miền Tây Nam',
           'CN': 'Miền Trung và Bắc', 'CS': 'Miền Trung và Nam',
           'CW': 'Miền Trung và Tây', 'CE': 'Miền Trung và Đông'},
    'tl': {'N': 'Hilagang bahagi', 'S': 'Timog na bahagi',
           'E': 'Silangang bahagi', 'W': 'Kanlurang bahagi',
           'C': 'Sentral na bahagi', 'NE': 'Hilaga-silangang bahagi',
           'NW': 'Hilaga-kanlurang bahagi', 'SE': 'Timog-silangang bahagi',
           'SW': 'Timog-kanlurang bahagi',
           'CN': 'Sentral at hilagang bahagi',
           'CS': 'Sentral at timog na bahagi',
           'CW': 'Sentral at kanlurang bahagi',
           'CE': 'Sentral at silangang bahagi'},
    'th': {'N': 'ตอนเหนือ', 'S': 'ตอนใต้', 'E': 'ฟากตะวันออก',
           'W': 'ฟากตะวันตก', 'C': 'ตอนกลาง', 'NE': 'ตอนเหนือฟากตะวันออก',
           'NW': 'ตอนเหนือฟากตะวันตก', 'SE': 'ตอนใต้ฟากตะวันออก',
           'SW': 'ตอนใต้ฟากตะวันตก', 'CN': 'ตอนกลางและตอนเหนือ',
           'CS': 'ตอนกลางและตอนใต้', 'CW': 'ตอนกลางและฟากตะวันตก',
           'CE': 'ตอนกลางและฟากตะวันออก'},
    'ne': {'N': 'उत्तरी भाग', 'S': 'दक्षिणी भाग', 'E': 'पूर्वी भाग',
           'W': 'पश्चिमी भाग', 'C': 'मध्य भाग', 'NE': 'उत्तर पूर्वी भाग',
           'NW': 'उत्तर पश्चिमी भाग', 'SE': 'दक्षिण पूर्वी भाग',
           'SW': 'दक्षिण पश्चिमी भाग', 'CN': 'मध्य र उत्तरी भाग',
           'CS': 'मध्य र दक्षिणी भाग', 'CW': 'मध्य र पश्चिमी भाग',
           'CE': 'मध्य र पूर्वी भाग'},
    'km': {'N': 'តំបន់ខាងជើង', 'S': 'តំបន់ខាងត្បូង', 'E': 'តំបន់ខាងកើត',
           'W': 'តំបន់ខាងលិច', 'C': 'តំបន់កណ្តាល', 'NE': 'តំបន់ឦសាន',
           'NW': 'តំបន់ពាយព្យ', 'SE': 'តំបន់អាគ្នេយ៍', 'SW': 'តំបន់និរតី',
           'CN': 'តំបន់កណ្តាលនិងខាងជើង', 'CS': 'តំបន់កណ្តាលនិងខាងត្បូង',
           'CW': 'តំបន់កណ្តាលនិងខាងលិច', 'CE': 'តំបន់កណ្តាលនិងខាងកើត'},
    'my': {'N': 'မြောက်ပိုင်း', 'S': 'တောင်ပိုင်း', 'E': 'အရှေ့ပိုင်း',
           'W': 'အနောက်ပိုင်း', 'C': 'အလယ်ပိုင်း', 'NE': 'အရှေ့မြောက်ပိုင်း',
           'NW': 'အနောက်မြောက်ပိုင်း', 'SE': 'အရှေ့တောင်ပိုင်း',
           'SW': 'အနောက်တောင်ပိုင်း', 'CN': 'အလယ်ပိုင်းနှင့် မြောက်ပိုင်း',
           'CS': 'အလယ်ပိုင်းနှင့် တောင်ပိုင်း',
           'CW': 'အလယ်ပိုင်းနှင့် အနောက်ပိုင်း',
           'CE': 'အလယ်ပိုင်းနှင့် အရှေ့ပိုင်း'},
    'mn': {'N': 'Хойд хэсэг', 'S': 'Өмнөд хэсэг', 'E': 'Зүүн хэсэг',
           'W': 'Баруун хэсэг', 'C': 'Төв хэсэг', 'NE': 'Зүүн хойд хэсэг',
           'NW': 'Баруун хойд хэсэг', 'SE': 'Зүүн өмнөд хэсэг',
           'SW': 'Баруун өмнөд хэсэг', 'CN': 'Төв болон хойд хэсэг',
           'CS': 'Төв болон өмнөд хэсэг', 'CW': 'Төв болон баруун хэсэг',
           'CE': 'Төв болон зүүн хэсэг'},
}
DIR_ALONE.update(_ALONE)

# Scripts written without spaces between words: a Latin name inside them
# is set off by spaces ("อ่าว Mutsu").
_TIGHT = {'th', 'km', 'my'}


def _is_latin(c):
    return c.isascii() and c.isalpha() or '\u00c0' <= c <= '\u024f'


def sep_latin(a, b):
    """A space between a and b if one ends/starts in Latin letters and the
    other does not (Chinese, Thai …)."""
    if not a or not b:
        return ''
    la, lb = _is_latin(a[-1]), _is_latin(b[0])
    return ' ' if la != lb and not (a[-1] in ' (（' or
                                    b[0] in ' )）\u104a,') else ''


def fill(tpl, lang, **kw):
    """A template with its slots, a space where a Latin name meets a script
    written without spaces, the first letter of a Vietnamese common noun
    lowered inside a phrase."""
    out = tpl
    for key, val in kw.items():
        slot = '{' + key + '}'
        if slot not in out:
            continue
        i = out.index(slot)
        if lang == 'vi' and i > 0:
            val = _vi_lower(val)
        pre, post = out[:i], out[i + len(slot):]
        if lang in _TIGHT:
            pre = pre + sep_latin(pre, val) if pre else pre
            post = sep_latin(val, post) + post if post else post
        out = pre + val + post
    if lang == 'mn':
        out = re.sub(r'(\S+)-ийн', _mn_genitive, out)
    return out


# Mongolian genitive of the common nouns the templates compose with: the
# suffix joins the word (аймаг → аймгийн, гол → голын), it is not the
# hyphenated "-ийн" kept for foreign names.
_MN_GENITIVE = {'аймаг': 'аймгийн', 'гол': 'голын', 'муж': 'мужийн',
                'хэсэг': 'хэсгийн', 'хот': 'хотын', 'арал': 'арлын',
                'тэнгис': 'тэнгисийн', 'булан': 'булангийн',
                'хойг': 'хойгийн', 'уул': 'уулын', 'нуур': 'нуурын',
                'эрэг': 'эргийн', 'дүүрэг': 'дүүргийн', 'газар': 'газрын'}


def _mn_genitive(m):
    w = m.group(1)
    if w in _MN_GENITIVE:
        return _MN_GENITIVE[w]
    # A foreign name in Cyrillic ending in a vowel: Хоккайдо → Хоккайдогийн.
    if re.search(r'[аэиоуөүыяеёю]$', w):
        return w + 'гийн'
    return m.group(0)


_VI_NOUNS = ('Tỉnh ', 'Vùng ', 'Ven biển ', 'Thành phố ', 'Thủ đô ', 'Miền ', 'Đảo ',
             'Quần đảo ', 'Biển ', 'Vịnh ', 'Bờ biển ', 'Sông ', 'Núi lửa ',
             'Khu vực ', 'Khu ', 'Eo biển ', 'Bán đảo ', 'Hồ ')


def _vi_lower(v):
    for n in _VI_NOUNS:
        if v.startswith(n):
            return n[0].lower() + v[1:]
    return v
