// Package gazetteer resolves the free-text destination of an AIS voyage
// report ("ST.PETERSBURG", "RU LED", "RUKGD>RULED", "BUSAN ANCH",
// "CHIBA JAPAN") to a port, and explains every answer.
//
// # Table
//
// The port table (ports.tsv.gz, embedded; about 18,400 ports) is derived by
// internal/gen ("go generate ./gazetteer") from the NGA World Port Index
// (Pub. 150) and the UN/LOCODE entries whose function is "port"; see
// ATTRIBUTION.md. A WPI port and a UN/LOCODE entry are one Port when the WPI
// gives that LOCODE with the right country prefix, or when they have the
// same name in the same country within 20 km. Default returns the embedded
// table; New reads one from any io.Reader (tests use small tables).
//
// # Canonical form
//
// Text is compared in one canonical form, applied to the table and to the
// destinations alike: upper case; every character other than a letter or a
// digit ('.', '-', '_', ',', '(' ...) becomes a space, apostrophes are
// dropped; spaces collapse; and the abbreviations ST -> SAINT, STE ->
// SAINTE, TG -> TANJUNG, PTO -> PUERTO, FT -> FORT, IS/ISL -> ISLAND are
// expanded. "ST.PETERSBURG", "St Petersburg" and "SAINT-PETERSBURG" are all
// "SAINT PETERSBURG".
//
// # Resolution rules
//
// Resolve applies these steps in order and stops at the first that decides.
// It never guesses: there is no fuzzy or edit-distance matching, and a name
// that fits several ports is returned unresolved with its candidates.
//
//  1. Blank text is unresolved with reason "empty"; text of only '@' (the
//     AIS padding character) "not a port (@@@)".
//  2. Routes: legs separated by '>', '<', '=', '/', '\' or '|' ("RUKGD>RULED",
//     "AU SYD=>AU BNE", "TAURANGA==INCHEON") resolve to the last leg. When the
//     last leg only names a country ("BALONGAN/INDONESIA", "BEIRA >MOZAMBIQUE")
//     the leg before it is the port and the country is a hint (step 6). A
//     leading "TO" is dropped.
//  3. Known non-port destinations (FOR ORDERS, ORDERS, TO ORDER, FISHING,
//     FISHING GROUNDS, SEA, HIGH SEA, TRIALS, SEA TRIAL, SAR, PATROL, CRUISE,
//     NONE, N/A, UNKNOWN, MOORED, DRIFTING, ...) are unresolved with reason
//     "not a port (<text>)". A lone qualifier word (HARBOUR) is one too, or
//     ambiguous when a port has that name (ANCHORAGE, Alaska).
//  4. LOCODE: "RULED", "RU LED", "RU-LED", "AU_NTL", optionally followed by
//     qualifiers ("AU NTL OFF"), is the port with that UN/LOCODE (method
//     "locode", confidence high). When the same text is also the name of
//     another port, it is ambiguous.
//  5. Name: the text equals a port's name or alternate name, also when
//     written without spaces ("PORTHEDLAND"). Method "name" (its own name)
//     or "alias" (an alternate name). A text that is itself a country name
//     or code ("SINGAPORE", "CHINA") only matches ports in that country,
//     otherwise it is "not a port (country ...)".
//  6. Country hint: a country name, ISO code or common abbreviation (JAPAN,
//     AUS, NZ, S.KOREA, USA, U.K., UAE, PNG ...), a US or Australian state or
//     Canadian province code (TX, LA, WA, NSW, QLD ...; "WA" means either),
//     or a country name cut short by the 20-character field ("AUSTRALI",
//     "NEW CALEDONI": last word at least five letters, the prefix of only one
//     country's names), at the end or the start of the text, restricts the
//     name in step 5 to that country ("CHIBA JAPAN", "BALTIMORE, MD",
//     "AUSTRALIA ALBANY"). Two hints at the end must agree ("TACOMA,WA,USA"
//     is in the US). Method suffix "+country".
//  7. Qualifiers: trailing words that qualify rather than name a port (ANCH,
//     ANCHORAGE, HARBOUR, HBR, PORT, OPL, ROADS, PILOT, PLT, P/S, OFF,
//     OUTER, AREA, FAIRWAY, TERMINAL ...) are removed and steps 5 and 6
//     retried ("BUSAN ANCH", "NEWCASTLE HBR."). Method suffix "+qualifier".
//  8. Several candidates: the one port is chosen only when it is a Medium or
//     Large WPI harbour and every other candidate is at least two size
//     classes smaller, counting a port that is only in UN/LOCODE (not charted
//     in the WPI) as size zero: "ROTTERDAM" is Rotterdam, Netherlands (Large)
//     rather than Rotterdam, New York (UN/LOCODE only), and "ST PETERSBURG"
//     is Saint Petersburg, Russia (Large) rather than Florida (Small). Method
//     suffix "+size", confidence low. Otherwise the result is unresolved with
//     reason "ambiguous: N candidates" and the Candidates listed
//     ("SYDNEY": Sydney, Australia is Large but Sydney, Nova Scotia Medium).
//  9. Anything else is unresolved with reason "unknown".
//
// Confidence is high for a LOCODE or a WPI port's own name, medium when an
// alternate name, a country hint or a qualifier was needed or the port is
// only in UN/LOCODE ("MORESBY" is Moresby, Guinea, a UN/LOCODE entry: the
// rules do not know that an Australian ship means Port Moresby), low for
// the size rule.
package gazetteer
