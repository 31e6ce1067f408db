#include "time_zones.hpp"

#include "text.hpp"

namespace shopkeeper {

namespace {

/// The zones of one area: "Name:CC", "Name:CC-RR" (a region) or "Name:" (no country)
/// entries, space-separated.
struct Area {
  const char* prefix;  ///< everything up to the last '/', with it ("America/Indiana/"); "" for "Japan"
  const char* zones;
};

// Written for this project. Countries follow tzdata's zone.tab (public domain) for every
// zone it lists, and for its backward-compatible aliases the country the alias names
// (Africa/Asmera is Eritrea although tzdata links it to Nairobi). Regions are given
// only where a zone lies within one ISO 3166-2 subdivision; zones used across several
// (America/Denver, America/Toronto, Australia/Sydney with the ACT) give the country alone.
// With the zones of no country (UTC, Etc/GMT+5, EST5EDT), every name of tzdata 2025b that
// browsers accept is here.
constexpr Area kAreas[] = {
    {"Africa/",
     "Abidjan:CI Accra:GH Addis_Ababa:ET Algiers:DZ Asmara:ER Asmera:ER Bamako:ML Bangui:CF Banjul:GM "
     "Bissau:GW Blantyre:MW Brazzaville:CG Bujumbura:BI Cairo:EG Casablanca:MA Ceuta:ES Conakry:GN "
     "Dakar:SN Dar_es_Salaam:TZ Djibouti:DJ Douala:CM El_Aaiun:EH Freetown:SL Gaborone:BW Harare:ZW "
     "Johannesburg:ZA Juba:SS Kampala:UG Khartoum:SD Kigali:RW Kinshasa:CD Lagos:NG Libreville:GA Lome:TG "
     "Luanda:AO Lubumbashi:CD Lusaka:ZM Malabo:GQ Maputo:MZ Maseru:LS Mbabane:SZ Mogadishu:SO Monrovia:LR "
     "Nairobi:KE Ndjamena:TD Niamey:NE Nouakchott:MR Ouagadougou:BF Porto-Novo:BJ Sao_Tome:ST Timbuktu:ML "
     "Tripoli:LY Tunis:TN Windhoek:NA"},
    {"America/",
     "Adak:US-AK Anchorage:US-AK Anguilla:AI Antigua:AG Araguaina:BR-TO Aruba:AW Asuncion:PY Atikokan:CA "
     "Atka:US-AK Bahia:BR-BA Bahia_Banderas:MX-NAY Barbados:BB Belem:BR Belize:BZ Blanc-Sablon:CA-QC "
     "Boa_Vista:BR-RR Bogota:CO Boise:US Buenos_Aires:AR Cambridge_Bay:CA-NU Campo_Grande:BR-MS "
     "Cancun:MX-ROO Caracas:VE Catamarca:AR Cayenne:GF Cayman:KY Chicago:US Chihuahua:MX-CHH "
     "Ciudad_Juarez:MX-CHH Coral_Harbour:CA Cordoba:AR Costa_Rica:CR Coyhaique:CL Creston:CA-BC "
     "Cuiaba:BR-MT Curacao:CW Danmarkshavn:GL Dawson:CA-YT Dawson_Creek:CA-BC Denver:US Detroit:US-MI "
     "Dominica:DM Edmonton:CA Eirunepe:BR-AM El_Salvador:SV Ensenada:MX-BCN Fort_Nelson:CA-BC "
     "Fort_Wayne:US-IN Fortaleza:BR Glace_Bay:CA-NS Godthab:GL Goose_Bay:CA-NL Grand_Turk:TC Grenada:GD "
     "Guadeloupe:GP Guatemala:GT Guayaquil:EC Guyana:GY Halifax:CA Havana:CU Hermosillo:MX-SON "
     "Indianapolis:US-IN Inuvik:CA-NT Iqaluit:CA-NU Jamaica:JM Jujuy:AR-Y Juneau:US-AK Knox_IN:US-IN "
     "Kralendijk:BQ La_Paz:BO Lima:PE Los_Angeles:US Louisville:US-KY Lower_Princes:SX Maceio:BR "
     "Managua:NI Manaus:BR-AM Marigot:MF Martinique:MQ Matamoros:MX Mazatlan:MX Mendoza:AR-M "
     "Menominee:US-MI Merida:MX Metlakatla:US-AK Mexico_City:MX Miquelon:PM Moncton:CA-NB Monterrey:MX "
     "Montevideo:UY Montreal:CA-QC Montserrat:MS Nassau:BS New_York:US Nipigon:CA-ON Nome:US-AK "
     "Noronha:BR-PE Nuuk:GL Ojinaga:MX-CHH Panama:PA Pangnirtung:CA-NU Paramaribo:SR Phoenix:US-AZ "
     "Port-au-Prince:HT Port_of_Spain:TT Porto_Acre:BR-AC Porto_Velho:BR-RO Puerto_Rico:PR Punta_Arenas:CL "
     "Rainy_River:CA-ON Rankin_Inlet:CA-NU Recife:BR-PE Regina:CA-SK Resolute:CA-NU Rio_Branco:BR-AC "
     "Rosario:AR Santa_Isabel:MX-BCN Santarem:BR-PA Santiago:CL Santo_Domingo:DO Sao_Paulo:BR "
     "Scoresbysund:GL Shiprock:US Sitka:US-AK St_Barthelemy:BL St_Johns:CA-NL St_Kitts:KN St_Lucia:LC "
     "St_Thomas:VI St_Vincent:VC Swift_Current:CA-SK Tegucigalpa:HN Thule:GL Thunder_Bay:CA-ON "
     "Tijuana:MX-BCN Toronto:CA Tortola:VG Vancouver:CA-BC Virgin:VI Whitehorse:CA-YT Winnipeg:CA "
     "Yakutat:US-AK Yellowknife:CA-NT"},
    {"America/Argentina/",
     "Buenos_Aires:AR Catamarca:AR ComodRivadavia:AR Cordoba:AR Jujuy:AR-Y La_Rioja:AR-F Mendoza:AR-M "
     "Rio_Gallegos:AR-Z Salta:AR San_Juan:AR-J San_Luis:AR-D Tucuman:AR-T Ushuaia:AR-V"},
    {"America/Indiana/",
     "Indianapolis:US-IN Knox:US-IN Marengo:US-IN Petersburg:US-IN Tell_City:US-IN Vevay:US-IN "
     "Vincennes:US-IN Winamac:US-IN"},
    {"America/Kentucky/",
     "Louisville:US-KY Monticello:US-KY"},
    {"America/North_Dakota/",
     "Beulah:US-ND Center:US-ND New_Salem:US-ND"},
    {"Antarctica/",
     "Casey:AQ Davis:AQ DumontDUrville:AQ Macquarie:AU-TAS Mawson:AQ McMurdo:AQ Palmer:AQ Rothera:AQ "
     "South_Pole:AQ Syowa:AQ Troll:AQ Vostok:AQ"},
    {"Arctic/",
     "Longyearbyen:SJ"},
    {"Asia/",
     "Aden:YE Almaty:KZ Amman:JO Anadyr:RU Aqtau:KZ Aqtobe:KZ Ashgabat:TM Ashkhabad:TM Atyrau:KZ "
     "Baghdad:IQ Bahrain:BH Baku:AZ Bangkok:TH Barnaul:RU Beirut:LB Bishkek:KG Brunei:BN Calcutta:IN "
     "Chita:RU Choibalsan:MN Chongqing:CN Chungking:CN Colombo:LK Dacca:BD Damascus:SY Dhaka:BD Dili:TL "
     "Dubai:AE Dushanbe:TJ Famagusta:CY Gaza:PS Harbin:CN Hebron:PS Ho_Chi_Minh:VN Hong_Kong:HK Hovd:MN "
     "Irkutsk:RU Istanbul:TR Jakarta:ID Jayapura:ID Jerusalem:IL Kabul:AF Kamchatka:RU Karachi:PK "
     "Kashgar:CN Kathmandu:NP Katmandu:NP Khandyga:RU Kolkata:IN Krasnoyarsk:RU Kuala_Lumpur:MY Kuching:MY "
     "Kuwait:KW Macao:MO Macau:MO Magadan:RU Makassar:ID Manila:PH Muscat:OM Nicosia:CY Novokuznetsk:RU "
     "Novosibirsk:RU Omsk:RU Oral:KZ Phnom_Penh:KH Pontianak:ID Pyongyang:KP Qatar:QA Qostanay:KZ "
     "Qyzylorda:KZ Rangoon:MM Riyadh:SA Saigon:VN Sakhalin:RU Samarkand:UZ Seoul:KR Shanghai:CN "
     "Singapore:SG Srednekolymsk:RU Taipei:TW Tashkent:UZ Tbilisi:GE Tehran:IR Tel_Aviv:IL Thimbu:BT "
     "Thimphu:BT Tokyo:JP Tomsk:RU Ujung_Pandang:ID Ulaanbaatar:MN Ulan_Bator:MN Urumqi:CN Ust-Nera:RU "
     "Vientiane:LA Vladivostok:RU Yakutsk:RU Yangon:MM Yekaterinburg:RU Yerevan:AM"},
    {"Atlantic/",
     "Azores:PT-20 Bermuda:BM Canary:ES-CN Cape_Verde:CV Faeroe:FO Faroe:FO Jan_Mayen:SJ Madeira:PT-30 "
     "Reykjavik:IS South_Georgia:GS St_Helena:SH Stanley:FK"},
    {"Australia/",
     "ACT:AU-ACT Adelaide:AU-SA Brisbane:AU-QLD Broken_Hill:AU-NSW Canberra:AU-ACT Currie:AU-TAS "
     "Darwin:AU-NT Eucla:AU-WA Hobart:AU-TAS LHI:AU-NSW Lindeman:AU-QLD Lord_Howe:AU-NSW Melbourne:AU-VIC "
     "NSW:AU-NSW North:AU-NT Perth:AU-WA Queensland:AU-QLD South:AU-SA Sydney:AU Tasmania:AU-TAS "
     "Victoria:AU-VIC West:AU-WA Yancowinna:AU-NSW"},
    {"Brazil/",
     "Acre:BR-AC DeNoronha:BR-PE East:BR West:BR"},
    {"Canada/",
     "Atlantic:CA Central:CA Eastern:CA Mountain:CA Newfoundland:CA-NL Pacific:CA-BC Saskatchewan:CA-SK "
     "Yukon:CA-YT"},
    {"Chile/",
     "Continental:CL EasterIsland:CL"},
    {"",
     "CET: CST6CDT: Cuba:CU EET: EST: EST5EDT: Egypt:EG Eire:IE GB:GB GB-Eire:GB GMT: GMT+0: GMT-0: GMT0: "
     "Greenwich: HST: Hongkong:HK Iceland:IS Iran:IR Israel:IL Jamaica:JM Japan:JP Kwajalein:MH Libya:LY MET: "
     "MST: MST7MDT: NZ:NZ NZ-CHAT:NZ Navajo:US PRC:CN PST8PDT: Poland:PL Portugal:PT ROC:TW ROK:KR "
     "Singapore:SG Turkey:TR UCT: UTC: Universal: W-SU:RU WET: Zulu:"},
    {"Etc/",
     "GMT: GMT+0: GMT+1: GMT+2: GMT+3: GMT+4: GMT+5: GMT+6: GMT+7: GMT+8: GMT+9: GMT+10: GMT+11: GMT+12: "
     "GMT-0: GMT-1: GMT-2: GMT-3: GMT-4: GMT-5: GMT-6: GMT-7: GMT-8: GMT-9: GMT-10: GMT-11: GMT-12: GMT-13: "
     "GMT-14: GMT0: Greenwich: UCT: UTC: Universal: Zulu:"},
    {"Europe/",
     "Amsterdam:NL Andorra:AD Astrakhan:RU Athens:GR Belfast:GB-NIR Belgrade:RS Berlin:DE Bratislava:SK "
     "Brussels:BE Bucharest:RO Budapest:HU Busingen:DE Chisinau:MD Copenhagen:DK Dublin:IE Gibraltar:GI "
     "Guernsey:GG Helsinki:FI Isle_of_Man:IM Istanbul:TR Jersey:JE Kaliningrad:RU Kiev:UA Kirov:RU Kyiv:UA "
     "Lisbon:PT Ljubljana:SI London:GB Luxembourg:LU Madrid:ES Malta:MT Mariehamn:AX Minsk:BY Monaco:MC "
     "Moscow:RU Nicosia:CY Oslo:NO Paris:FR Podgorica:ME Prague:CZ Riga:LV Rome:IT Samara:RU San_Marino:SM "
     "Sarajevo:BA Saratov:RU Simferopol:UA Skopje:MK Sofia:BG Stockholm:SE Tallinn:EE Tirane:AL "
     "Tiraspol:MD Ulyanovsk:RU Uzhgorod:UA Vaduz:LI Vatican:VA Vienna:AT Vilnius:LT Volgograd:RU Warsaw:PL "
     "Zagreb:HR Zaporozhye:UA Zurich:CH"},
    {"Indian/",
     "Antananarivo:MG Chagos:IO Christmas:CX Cocos:CC Comoro:KM Kerguelen:TF Mahe:SC Maldives:MV "
     "Mauritius:MU Mayotte:YT Reunion:RE"},
    {"Mexico/",
     "BajaNorte:MX-BCN BajaSur:MX General:MX"},
    {"Pacific/",
     "Apia:WS Auckland:NZ Bougainville:PG Chatham:NZ Chuuk:FM Easter:CL Efate:VU Enderbury:KI Fakaofo:TK "
     "Fiji:FJ Funafuti:TV Galapagos:EC Gambier:PF Guadalcanal:SB Guam:GU Honolulu:US-HI Johnston:UM "
     "Kanton:KI Kiritimati:KI Kosrae:FM Kwajalein:MH Majuro:MH Marquesas:PF Midway:UM Nauru:NR Niue:NU "
     "Norfolk:NF Noumea:NC Pago_Pago:AS Palau:PW Pitcairn:PN Pohnpei:FM Ponape:FM Port_Moresby:PG "
     "Rarotonga:CK Saipan:MP Samoa:AS Tahiti:PF Tarawa:KI Tongatapu:TO Truk:FM Wake:UM Wallis:WF Yap:FM"},
    {"US/",
     "Alaska:US-AK Aleutian:US-AK Arizona:US-AZ Central:US East-Indiana:US-IN Eastern:US Hawaii:US-HI "
     "Indiana-Starke:US-IN Michigan:US-MI Mountain:US Pacific:US Samoa:AS"},
};

/// The country code ("IE", "US-AZ", or "" for a zone of no country) of an IANA zone name.
std::optional<std::string_view> zone_code(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return std::nullopt;
  auto slash = zone.rfind('/');
  std::string_view area = slash == std::string_view::npos ? std::string_view() : zone.substr(0, slash + 1);
  std::string_view name = zone.substr(area.size());
  for (const Area& a : kAreas) {
    if (!iequals(a.prefix, area)) continue;
    std::string_view list = a.zones;
    while (!list.empty()) {
      auto end = list.find(' ');
      std::string_view entry = list.substr(0, end);
      auto colon = entry.find(':');
      if (iequals(entry.substr(0, colon), name)) return entry.substr(colon + 1);
      list = end == std::string_view::npos ? std::string_view() : list.substr(end + 1);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ZonePlace> place_of_time_zone(std::string_view zone) {
  auto code = zone_code(zone);
  if (!code || code->empty()) return std::nullopt;
  return ZonePlace{std::string(code->substr(0, 2)), code->size() > 2 ? std::string(*code) : std::string()};
}

bool is_time_zone(std::string_view zone) { return zone_code(zone).has_value(); }

}  // namespace shopkeeper
