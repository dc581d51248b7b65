#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/numplan.h"

/* ---- mainland mobile blocks ---------------------------------------------- */

/* 工业和信息化部《我国公众移动通信网网号及H0分配情况（截至2023年3月底）》
 * (published 2023-06-05 under 《电信网编号计划（2017年版）》): an 11-digit
 * number is 网号 (3 digits) + HLR code H0H1H2H3 + subscriber ABCD, and a
 * 网号 is given to an operator whole, or H0 by H0 (1349, 1619, 170x, 1740x,
 * 1741x, 1749). Its notes: 162, 165, 167, 170, 171 are 移动转售 (virtual
 * operators, phones like any other); 1349, 1619, 174 are satellite mobile
 * service. A prefix not listed here (154, 160, 161 but 1619, 163, 164,
 * 168, 169, 1742-1748, 179, 194 …) has not been given to anyone.
 *
 * 146 (中国联通) and 148 (中国移动) are allocated, but their operators
 * issue them for data and IoT cards only (物联网业务专用号段), as they do the
 * 13-digit 140-144 numbers: no person answers them and they take no SMS, so
 * they are no contact number. */
static const struct mobile_block blocks[] = {
	{"130", N_("中国联通"), MOBILE_PUBLIC},   {"131", N_("中国联通"), MOBILE_PUBLIC},
	{"132", N_("中国联通"), MOBILE_PUBLIC},   {"133", N_("中国电信"), MOBILE_PUBLIC},
	{"1340", N_("中国移动"), MOBILE_PUBLIC},  {"1341", N_("中国移动"), MOBILE_PUBLIC},
	{"1342", N_("中国移动"), MOBILE_PUBLIC},  {"1343", N_("中国移动"), MOBILE_PUBLIC},
	{"1344", N_("中国移动"), MOBILE_PUBLIC},  {"1345", N_("中国移动"), MOBILE_PUBLIC},
	{"1346", N_("中国移动"), MOBILE_PUBLIC},  {"1347", N_("中国移动"), MOBILE_PUBLIC},
	{"1348", N_("中国移动"), MOBILE_PUBLIC},  {"13492", N_("中国电信"), MOBILE_SATELLITE},
	{"13493", N_("中国电信"), MOBILE_SATELLITE}, {"13499", N_("中国电信"), MOBILE_SATELLITE},
	{"135", N_("中国移动"), MOBILE_PUBLIC},   {"136", N_("中国移动"), MOBILE_PUBLIC},
	{"137", N_("中国移动"), MOBILE_PUBLIC},   {"138", N_("中国移动"), MOBILE_PUBLIC},
	{"139", N_("中国移动"), MOBILE_PUBLIC},
	{"145", N_("中国联通"), MOBILE_PUBLIC},   {"146", N_("中国联通"), MOBILE_IOT},
	{"147", N_("中国移动"), MOBILE_PUBLIC},   {"148", N_("中国移动"), MOBILE_IOT},
	{"149", N_("中国电信"), MOBILE_PUBLIC},
	{"150", N_("中国移动"), MOBILE_PUBLIC},   {"151", N_("中国移动"), MOBILE_PUBLIC},
	{"152", N_("中国移动"), MOBILE_PUBLIC},   {"153", N_("中国电信"), MOBILE_PUBLIC},
	{"155", N_("中国联通"), MOBILE_PUBLIC},   {"156", N_("中国联通"), MOBILE_PUBLIC},
	{"157", N_("中国移动"), MOBILE_PUBLIC},   {"158", N_("中国移动"), MOBILE_PUBLIC},
	{"159", N_("中国移动"), MOBILE_PUBLIC},
	{"1619", N_("中国星网"), MOBILE_SATELLITE}, {"162", N_("中国电信"), MOBILE_RESALE},
	{"165", N_("中国移动"), MOBILE_RESALE},   {"166", N_("中国联通"), MOBILE_PUBLIC},
	{"167", N_("中国联通"), MOBILE_RESALE},
	{"1700", N_("中国电信"), MOBILE_RESALE},  {"1701", N_("中国电信"), MOBILE_RESALE},
	{"1702", N_("中国电信"), MOBILE_RESALE},  {"1703", N_("中国移动"), MOBILE_RESALE},
	{"1704", N_("中国联通"), MOBILE_RESALE},  {"1705", N_("中国移动"), MOBILE_RESALE},
	{"1706", N_("中国移动"), MOBILE_RESALE},  {"1707", N_("中国联通"), MOBILE_RESALE},
	{"1708", N_("中国联通"), MOBILE_RESALE},  {"1709", N_("中国联通"), MOBILE_RESALE},
	{"171", N_("中国联通"), MOBILE_RESALE},   {"172", N_("中国移动"), MOBILE_PUBLIC},
	{"173", N_("中国电信"), MOBILE_PUBLIC},
	{"17400", N_("中国电信"), MOBILE_SATELLITE}, {"17401", N_("中国电信"), MOBILE_SATELLITE},
	{"17402", N_("中国电信"), MOBILE_SATELLITE}, {"17403", N_("中国电信"), MOBILE_SATELLITE},
	{"17404", N_("中国电信"), MOBILE_SATELLITE}, {"17405", N_("中国电信"), MOBILE_SATELLITE},
	{"17406", N_("其他单位"), MOBILE_SATELLITE}, {"17407", N_("其他单位"), MOBILE_SATELLITE},
	{"17408", N_("其他单位"), MOBILE_SATELLITE}, {"17409", N_("其他单位"), MOBILE_SATELLITE},
	{"17410", N_("其他单位"), MOBILE_SATELLITE}, {"17411", N_("其他单位"), MOBILE_SATELLITE},
	{"17412", N_("其他单位"), MOBILE_SATELLITE}, {"1749", N_("其他单位"), MOBILE_SATELLITE},
	{"175", N_("中国联通"), MOBILE_PUBLIC},   {"176", N_("中国联通"), MOBILE_PUBLIC},
	{"177", N_("中国电信"), MOBILE_PUBLIC},   {"178", N_("中国移动"), MOBILE_PUBLIC},
	{"180", N_("中国电信"), MOBILE_PUBLIC},   {"181", N_("中国电信"), MOBILE_PUBLIC},
	{"182", N_("中国移动"), MOBILE_PUBLIC},   {"183", N_("中国移动"), MOBILE_PUBLIC},
	{"184", N_("中国移动"), MOBILE_PUBLIC},   {"185", N_("中国联通"), MOBILE_PUBLIC},
	{"186", N_("中国联通"), MOBILE_PUBLIC},   {"187", N_("中国移动"), MOBILE_PUBLIC},
	{"188", N_("中国移动"), MOBILE_PUBLIC},   {"189", N_("中国电信"), MOBILE_PUBLIC},
	{"190", N_("中国电信"), MOBILE_PUBLIC},   {"191", N_("中国电信"), MOBILE_PUBLIC},
	{"192", N_("中国广电"), MOBILE_PUBLIC},   {"193", N_("中国电信"), MOBILE_PUBLIC},
	{"195", N_("中国移动"), MOBILE_PUBLIC},   {"196", N_("中国联通"), MOBILE_PUBLIC},
	{"197", N_("中国移动"), MOBILE_PUBLIC},   {"198", N_("中国移动"), MOBILE_PUBLIC},
	{"199", N_("中国电信"), MOBILE_PUBLIC},
};

const struct mobile_block *
numplan_mobile_block(const char *d)
{
	const struct mobile_block *best = NULL;
	size_t bestn = 0;

	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		size_t n = strlen(blocks[i].prefix);

		if (n > bestn && strncmp(d, blocks[i].prefix, n) == 0) {
			best = &blocks[i];
			bestn = n;
		}
	}
	return best;
}

/* ---- mainland long-distance area codes ------------------------------------ */

/* 长途区号 of 《电信网编号计划（2017年版）》 (MIIT), as Google's
 * libphonenumber carries them (PhoneNumberMetadata.xml, CN fixedLine, 2024):
 * 10 (北京) and 2X for the largest cities, three digits elsewhere. Codes
 * merged away are gone (0565 巢湖 into 0551 in 2011; 0994 昌吉 into 0991);
 * newer ones are in (0377 南阳, 0439 白山, 0475 通辽). Without the leading 0. */
static const char *const area2[] = {"10", "20", "21", "22", "23", "24", "25", "27", "28", "29"};
static const char *const area3[] = {
	"310", "311", "312", "313", "314", "315", "316", "317", "318", "319",
	"335", "349", "350", "351", "352", "353", "354", "355", "356", "357",
	"358", "359", "370", "371", "372", "373", "374", "375", "376", "377",
	"378", "379", "391", "392", "393", "394", "395", "396", "398", "410",
	"411", "412", "413", "414", "415", "416", "417", "418", "419", "421",
	"427", "429", "431", "432", "433", "434", "435", "436", "437", "438",
	"439", "451", "452", "453", "454", "455", "456", "457", "458", "459",
	"464", "467", "468", "469", "470", "471", "472", "473", "474", "475",
	"476", "477", "478", "479", "482", "483", "510", "511", "512", "513",
	"514", "515", "516", "517", "518", "519", "523", "527", "530", "531",
	"532", "533", "534", "535", "536", "537", "538", "539", "543", "546",
	"550", "551", "552", "553", "554", "555", "556", "557", "558", "559",
	"561", "562", "563", "564", "566", "570", "571", "572", "573", "574",
	"575", "576", "577", "578", "579", "580", "591", "592", "593", "594",
	"595", "596", "597", "598", "599", "631", "632", "633", "634", "635",
	"660", "662", "663", "668", "691", "692", "701", "710", "711", "712",
	"713", "714", "715", "716", "717", "718", "719", "722", "724", "728",
	"730", "731", "734", "735", "736", "737", "738", "739", "743", "744",
	"745", "746", "750", "751", "752", "753", "754", "755", "756", "757",
	"758", "759", "760", "762", "763", "766", "768", "769", "770", "771",
	"772", "773", "774", "775", "776", "777", "778", "779", "790", "791",
	"792", "793", "794", "795", "796", "797", "798", "799", "812", "813",
	"816", "817", "818", "825", "826", "827", "830", "831", "832", "833",
	"834", "835", "836", "837", "838", "839", "851", "852", "853", "854",
	"855", "856", "857", "858", "859", "870", "871", "872", "873", "874",
	"875", "876", "877", "878", "879", "883", "886", "887", "888", "891",
	"892", "893", "894", "895", "896", "897", "898", "901", "902", "903",
	"906", "908", "909", "911", "912", "913", "914", "915", "916", "917",
	"919", "930", "931", "932", "933", "934", "935", "936", "937", "938",
	"939", "941", "943", "951", "952", "953", "954", "955", "970", "971",
	"972", "973", "974", "975", "976", "977", "979", "990", "991", "992",
	"993", "995", "996", "997", "998", "999",
};

static int
cmp_code(const void *a, const void *b)
{
	return strncmp(*(const char *const *)a, *(const char *const *)b, 3);
}

size_t
numplan_area_code(const char *d)
{
	const char *key = d;

	for (size_t i = 0; i < sizeof area2 / sizeof area2[0]; i++)
		if (strncmp(d, area2[i], 2) == 0)
			return 2;
	if (strlen(d) >= 3 &&
	    bsearch(&key, area3, sizeof area3 / sizeof area3[0], sizeof area3[0], cmp_code))
		return 3;
	return 0;
}
