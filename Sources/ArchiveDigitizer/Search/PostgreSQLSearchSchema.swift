/// PostgreSQL's full-text index of page text (`digitize search --store postgresql://…`), made with
/// nothing but built-in SQL: no extension (unaccent needs privileges a DBA may not grant) and no
/// dependence on the database's locale, so `dang phi` finds `đảng phí` on any server.
///
/// Two IMMUTABLE functions fold text the way the SQLite index does (`unicode61 remove_diacritics 2`
/// plus đ→d, see `SearchQuery`):
/// - `vi_fold(text)`: lower case, every precomposed Latin letter to its base letter (`letterFolds`:
///   all of Vietnamese, đ and ơ/ư included), combining marks U+0300–U+036F removed. `lower()` alone
///   would leave `Ệ` or `Д` as they are in a database whose locale is C; the table does not.
/// - `vi_search_words(text)`: the folded text's words as a `tsvector` of the `simple` configuration,
///   punctuation and symbols (`separators`) first turned into spaces, so words split where SQLite
///   splits them (`8229-QĐ/TU` is 8229, qd, tu; `“Ban` is ban) whatever the locale says is a letter.
///
/// `pages.search_words` is a stored generated column of `vi_search_words(text)` with a GIN index
/// over the done pages: ranking reads the stored vector instead of folding every match's text again.
/// Its storage is `MAIN`, so the vector stays in the page's row and a row too long for its block
/// sends its text to the TOAST table instead: ranking reads the vector of every match (the text only
/// of the 20 shown), and out of line each one cost a TOAST index lookup, five times the time.
/// Rows written before the setting keep their vectors out of line until rewritten (`VACUUM FULL pages`).
/// Queries are folded by the same `vi_fold` (`PostgreSQLSearch`), so both sides always agree.
enum PostgreSQLSearchSchema {
    /// Appended to `PostgreSQLSchema.statements`. The column, its storage and the index are changed only
    /// when missing, checked in the system catalogues first: `ALTER TABLE … IF NOT EXISTS` would take an
    /// exclusive lock on `pages` at every worker's start, waiting behind the other workers' writes.
    static let statements = """
    CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT strpos(haystack, needle) $$;
    CREATE OR REPLACE FUNCTION vi_fold(words text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT translate(lower(words), '\(letterFolds.map(\.from).joined() + combiningMarks)', '\(letterFolds.map(\.to).joined())')
    $$;
    CREATE OR REPLACE FUNCTION vi_search_words(page text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('simple'::regconfig, regexp_replace(vi_fold(coalesce(page, '')), '[\(separatorClass)]+', ' ', 'g'))
    $$;
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('pages') AND attname = 'search_words') THEN
            ALTER TABLE pages ADD COLUMN search_words tsvector GENERATED ALWAYS AS (vi_search_words(text)) STORED;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('pages') AND attname = 'search_words' AND attstorage <> 'm') THEN
            ALTER TABLE pages ALTER COLUMN search_words SET STORAGE MAIN;
        END IF;
        IF to_regclass('pages_search') IS NULL THEN
            CREATE INDEX pages_search ON pages USING gin(search_words) WHERE state = 'done';
        END IF;
    END $$;
    """

    /// Letters and what `vi_fold` makes of them, character for character. Generated from Swift's
    /// own folding (`SearchQuery.key`, for the Latin blocks) and lower-casing (Greek and Cyrillic, where
    /// SQLite removes no diacritics either); `PostgreSQLSearchTests` checks every pair against them.
    /// Written out rather than computed, so the function, and with it every stored vector, stays the
    /// same whichever Unicode tables a later Swift brings.
    static let letterFolds: [(from: String, to: String, isCaseOnly: Bool)] = [
        // Latin-1 Supplement
        ("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞàáâãäåçèéêëìíîïñòóôõöùúûüýÿ",
         "aaaaaaæceeeeiiiiðnoooooøuuuuyþaaaaaaceeeeiiiinooooouuuuyy", false),
        // Latin Extended-A (ă, đ, ĩ, ũ)
        ("ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦĨĩĪīĬĭĮįİĲĴĵĶķĹĺĻļĽľĿŁŃńŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ",
         "aaaaaaccccccccddddeeeeeeeeeegggggggghhħiiiiiiiiiĳjjkkllllllŀłnnnnnnŋooooooœrrrrrrssssssssttttŧuuuuuuuuuuuuwwyyyzzzzzzs", false),
        // Latin Extended-B (ơ, ư)
        ("ƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǄǅǇǈǊǋǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǤǦǧǨǩǪǫǬǭǮǯǰǱǲǴǵǶǷǸǹǺǻǼǽǾǿ"
            + "ȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎ",
         "ɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽǆǆǉǉǌǌaaiioouuuuuuuuuuaaaaææǥggkkooooʒʒjǳǳggƕƿnnaaææøø"
            + "aaaaeeeeiiiioooorrrruuuussttȝhhƞȣȥaaeeooooooooyyⱥȼƚⱦɂƀʉʌɇɉɋɍɏ", false),
        // Latin Extended Additional (the Vietnamese letters with tone marks: ạ ả ấ … ỹ)
        ("ḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟ"
            + "ṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛ"
            + "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹỺỼỾ",
         "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrr"
            + "ssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwys"
            + "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyỻỽỿ", false),
        // Greek capitals
        ("ͰͲͶͿΆΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫϏϘϚϜϞϠϢϤϦϨϪϬϮϴϷϹϺϽϾϿ",
         "ͱͳͷϳάέήίόύώαβγδεζηθικλμνξοπρστυφχψωϊϋϗϙϛϝϟϡϣϥϧϩϫϭϯθϸϲϻͻͼͽ", true),
        // Cyrillic capitals
        ("ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯѠѢѤѦѨѪѬѮѰѲѴѶѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾ"
            + "ӀӁӃӅӇӉӋӍӐӒӔӖӘӚӜӞӠӢӤӦӨӪӬӮӰӲӴӶӸӺӼӾԀԂԄԆԈԊԌԎԐԒԔԖԘԚԜԞԠԢԤԦԨԪԬԮ",
         "ѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяѡѣѥѧѩѫѭѯѱѳѵѷѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿ"
            + "ӏӂӄӆӈӊӌӎӑӓӕӗәӛӝӟӡӣӥӧөӫӭӯӱӳӵӷӹӻӽӿԁԃԅԇԉԋԍԏԑԓԕԗԙԛԝԟԡԣԥԧԩԫԭԯ", true),
    ]

    /// The combining diacritical marks U+0300–U+036F, which `translate` deletes (they have no partner
    /// in its second string): tone marks typed as separate characters, as some OCR output has them.
    static let combiningMarks = String(String.UnicodeScalarView((0x300...0x36F).compactMap(Unicode.Scalar.init)))

    /// Punctuation and symbols that split words, as ranges of code points: ASCII's and Latin-1's, the
    /// General Punctuation block (“ ” – — …), arrows, mathematical and other symbols, CJK and
    /// full-width punctuation. No letter or digit is among them (`PostgreSQLSearchTests`).
    static let separators: [ClosedRange<UInt32>] = [
        0x0001...0x002F, 0x003A...0x0040, 0x005B...0x0060, 0x007B...0x00A9, 0x00AB...0x00B1, 0x00B4...0x00B4,
        0x00B6...0x00B8, 0x00BB...0x00BB, 0x00BF...0x00BF, 0x00D7...0x00D7, 0x00F7...0x00F7,
        0x2000...0x206F, 0x2072...0x2073, 0x207A...0x207E, 0x208A...0x208F, 0x209D...0x2101, 0x2103...0x2106,
        0x2108...0x2109, 0x2114...0x2114, 0x2116...0x2118, 0x211E...0x2123, 0x2125...0x2125, 0x2127...0x2127,
        0x2129...0x2129, 0x212E...0x212E, 0x213A...0x213B, 0x2140...0x2144, 0x214A...0x214D, 0x214F...0x214F,
        0x218A...0x245F, 0x249C...0x24B5, 0x2500...0x2775, 0x2794...0x2BFF,
        0x3000...0x3004, 0x3008...0x3020, 0x302A...0x3030, 0x3036...0x3037, 0x303D...0x303F,
        0xFE10...0xFE6F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
    ]

    /// `separators` as the inside of a regular-expression bracket, in PostgreSQL's `\uXXXX` escapes.
    static var separatorClass: String {
        func escaped(_ value: UInt32) -> String {
            let hex = String(value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return separators.map { $0.count == 1 ? escaped($0.lowerBound) : escaped($0.lowerBound) + "-" + escaped($0.upperBound) }.joined()
    }
}
