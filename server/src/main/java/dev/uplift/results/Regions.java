package dev.uplift.results;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The countries (ISO 3166-1 alpha-2) of the regional presets of {@code filter_by}; every
 * country is in at most one region (docs/api.md §2 lists them).
 */
final class Regions {

	private static final Map<String, List<String>> COUNTRIES = Map.of("northamerica", codes("US CA GL BM PM"),
			"latinamerica",
			codes("MX GT BZ SV HN NI CR PA CU DO HT PR JM TT BS BB AG DM GD KN LC VC CO VE EC PE BO BR PY UY AR CL GY "
					+ "SR GF AW CW SX BQ KY TC VG VI AI MS GP MQ BL MF FK"),
			"europe",
			codes("AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT MD MC "
					+ "ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA AX"),
			"middleeast", codes("AE BH IR IQ IL JO KW LB OM PS QA SA SY TR YE"), "africa",
			codes("DZ AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR "
					+ "MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW"),
			"asiapacific",
			codes("AF AM AZ BD BT BN KH CN GE HK IN ID JP KZ KG LA MO MY MV MN MM NP KP PK PH SG KR LK TW TJ TH TL TM "
					+ "UZ VN AU NZ FJ PG SB VU NC PF WS TO KI FM MH NR PW TV CK NU GU MP AS"));

	private Regions() {
	}

	/** The countries of a region by its preset name, empty for an unknown name. */
	static List<String> countries(String region) {
		return COUNTRIES.getOrDefault(region, List.of());
	}

	static Set<String> names() {
		return new TreeSet<>(COUNTRIES.keySet());
	}

	private static List<String> codes(String codes) {
		return List.of(codes.split(" "));
	}

}
