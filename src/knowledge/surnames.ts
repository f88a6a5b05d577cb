/**
 * Common Chinese surnames (simplified and traditional forms), for names printed without a role
 * word: a names-only byline under a title (王  颖) or a closing tag ((吕劲)). Without a role word
 * to vouch for it, a token is a name only if it starts with a known surname — precision first
 * (须整治 or 均有限, the tail of a broken headline, are not names).
 */
const SINGLE = [
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯',
  '常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂塗成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺',
  '官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蓬蔺藺楼樓晋晉颉頡云雲那练練茅都帅帥揭',
].join('');
const COMPOUND = ['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '皇甫', '令狐', '慕容', '东方', '東方', '夏侯', '尉迟', '尉遲', '公孙', '公孫', '长孙', '長孫', '宇文', '司徒', '端木', '西门', '西門', '申屠', '澹台', '澹臺', '呼延', '独孤', '獨孤'];

const singles = new Set([...SINGLE]);

export function startsWithSurname(name: string): boolean {
  return COMPOUND.some((c) => name.startsWith(c)) || singles.has(name[0] ?? '');
}
