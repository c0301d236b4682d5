#!/usr/bin/env python3
"""import_jma_places.py SHARED_DATA_DIR OUT_DIR

Developer tool, run by hand (never by the build or the tests): turn JMA's
place data and code tables under SHARED_DATA_DIR (the ../shared/data of a
checkout) into the compact TSV files that src/places.c loads at start-up,
written to OUT_DIR (normally data/places).

    scripts/import_jma_places.py ../shared/data data/places

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
    expand.tsv     type, code, the municipalities it covers

Name tables have the columns: code, the 16 languages in the order of
src/lang.h, provenance.  A cell is empty when the language is not available;
the loader then falls back to English, then to the code.  The provenance
column starts with "derived" when the non-Japanese names were derived by the
project rather than taken from JMA (none are, yet).

Every value is NFC-normalised and trimmed; runs of white space (including
zero-width spaces next to a space) are collapsed to one space.  Nothing else
in JMA's text is changed.  See data/NOTICE.md.
"""

import collections
import csv
import json
import os
import re
import sys
import unicodedata

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


def jma_names(row, hdr, langs):
    """The 15 languages of one row of JMA's multilingual dictionary."""
    col = {h: i for i, h in enumerate(hdr)}
    names = {}
    for tag, jcol in langs:
        if jcol:
            names[tag] = clean(row[col[jcol]], 'jma-place-data')
    return names


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out_dir = sys.argv[1], sys.argv[2]
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
    tables = {'city': sub, 'pref': pref, 'forecast': fc, 'quake': quake}
    for (t, code) in expand:
        if code not in tables[t].rows:
            die('expansion for unnamed %s %s' % (t, code))
    reach_fc = set().union(*(e for (t, _), e in expand.items()
                             if t == 'forecast'))
    reach_q = set().union(*(e for (t, _), e in expand.items() if t == 'quake'))
    report['municipality in no forecast area'] = sorted(M - reach_fc)
    report['municipality in no seismic area'] = sorted(M - reach_q)

    # ---- write -------------------------------------------------------------
    os.makedirs(out_dir, exist_ok=True)
    for t in (city, sub, pref, fc, quake, epi):
        t.write(out_dir, langs)
    order = ['city', 'pref', 'forecast', 'quake']
    with open(os.path.join(out_dir, 'expand.tsv'), 'w', encoding='utf-8',
              newline='\n') as f:
        f.write('type\tcode\tcities\n')
        for (t, code) in sorted(expand, key=lambda k: (order.index(k[0]), k[1])):
            f.write('%s\t%s\t%s\n' % (t, code, ' '.join(sorted(expand[(t, code)]))))

    # ---- report ------------------------------------------------------------
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
    for tab in (city, pref, epi, quake, sub, fc):
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
