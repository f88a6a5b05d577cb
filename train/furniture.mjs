// Page furniture the generator adds around the articles: headers, footers, editor lines, jump lines,
// page numbers, web residue. Every string made here is noise in the gold. The forms are the real ones
// users meet (人民日报 e-paper dumps, web mirrors, other papers' PDFs); the paper names are mostly invented,
// so that a model learns the shape of a header, not one paper's name.

/** 人民日报 itself, and invented papers with their (invented) site names for URL residue. */
export const PAPERS = [
  { name: '人民日报', site: 'paper.people.com.cn/rmrb' },
  { name: '江城日报', site: 'epaper.jcrb.example.cn' },
  { name: '北方晨报', site: 'bfcb.example.com.cn/paper' },
  { name: '南海商报', site: 'www.nhsb.example.cn/epaper' },
  { name: '西岭晚报', site: 'xlwb.example.cn' },
  { name: '东州日报', site: 'szb.dzrb.example.cn' },
  { name: '华中都市报', site: 'news.hzdsb.example.com' },
  { name: '青川日报', site: 'e.qcrb.example.cn' },
  { name: '滨海时报', site: 'bhsb.example.net/html' },
  { name: '云岭早报', site: 'ylzb.example.cn/pc' },
];

/** Section names printed beside the page number (第3版：要闻). */
const SECTIONS = ['要闻', '国内', '国际', '经济', '社会', '文化', '体育', '评论', '理论', '副刊', '视点', '综合', '地方', '专题', '科教', '健康'];

/** Invented editor names: a surname and one or two given characters. */
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '明华伟芳敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英文辉建国红玉兰志晨宇欣然亮峰';

export function personName(d) {
  const surname = d.pick([...SURNAMES]);
  const given = d.chance(0.7) ? d.pick([...GIVEN]) + d.pick([...GIVEN]) : d.pick([...GIVEN]);
  return surname + given;
}

const CN_DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 20 → 二十, as jump lines write page numbers. */
export function chineseNumber(n) {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : CN_DIGITS[tens]) + '十' + (ones ? CN_DIGITS[ones] : '');
}

function dateParts(date) {
  const [y, m, day] = date.split('-').map(Number);
  return { y, m, day, mm: String(m).padStart(2, '0'), dd: String(day).padStart(2, '0') };
}

/** Page header forms; `form` is chosen once per file so glued pages share their header style. */
export const HEADER_FORMS = {
  // 2019年10月4日人民日报 第1版 (the e-paper's own text export)
  dateFirst: (p, date, page) => { const t = dateParts(date); return `${t.y}年${t.m}月${t.day}日${p.name} 第${page}版`; },
  // 人民日报 2019年10月01日 第09版 (database mirrors)
  paperFirst: (p, date, page) => { const t = dateParts(date); return `${p.name} ${t.y}年${t.mm}月${t.dd}日 第${String(page).padStart(2, '0')}版`; },
  // 第3版：要闻 (the page tab of many e-papers)
  section: (p, date, page, d) => `第${page}版：${d.pick(SECTIONS)}`,
  // 江城日报 | 2019-02-01 | A03 要闻 (PDF running heads of city papers)
  runningHead: (p, date, page, d) => `${p.name} | ${date} | A${String(page).padStart(2, '0')} ${d.pick(SECTIONS)}`,
  // 2019年2月1日 星期五 第5版 (date line over the page, no paper name)
  weekday: (p, date, page) => {
    const t = dateParts(date);
    const wd = '日一二三四五六'[new Date(Date.UTC(t.y, t.m - 1, t.day)).getUTCDay()];
    return `${t.y}年${t.m}月${t.day}日 星期${wd} 第${page}版`;
  },
};

/** Editor and designer lines added at a page's foot (the record's own designer lines stay in its body). */
export const EDITOR_FORMS = [
  (d) => `■ 本版责编：${personName(d)}  版式设计：${personName(d)}`,
  (d) => `（责任编辑：${personName(d)}）`,
  (d) => `本版编辑：${personName(d)}  ${personName(d)}`,
  (d) => `责任编辑：${personName(d)} 美编：${personName(d)}`,
  (d) => `本版责任编辑  ${personName(d)}  版式：${personName(d)}`,
  (d) => `[责任编辑:${personName(d)}]`,
];

/** Lines web mirrors leave around the text. */
export const WEB_RESIDUE = [
  (p, date, page) => { const t = dateParts(date); return `http://${p.site}/html/${t.y}-${t.mm}/${t.dd}/nbs.D110000${String(page).padStart(2, '0')}_${page}.htm`; },
  () => '返回目录',
  () => '上一版  下一版',
  () => '打印本页  关闭窗口',
  () => '【字号 大 中 小】',
  (p, date) => `来源：${p.name}  ${date}`,
  () => '分享到：微信 微博 QQ空间',
];

/** Page-number lines at a page's foot. */
export const PAGE_NUMBER_FORMS = [
  (page) => `- ${page} -`,
  (page) => String(page),
  (page) => `第 ${page} 页`,
  (page) => `—${page}—`,
  (page) => `A${String(page).padStart(2, '0')}`,
];

/** Jump lines: an article continued on, or from, another page. */
export function jumpOut(d, page) {
  const to = page + d.int(1, 8);
  return d.chance(0.7) ? `（下转第${chineseNumber(to)}版）` : `（下转第${to}版）`;
}
export function jumpIn(d, page) {
  const from = Math.max(1, page - d.int(1, Math.max(1, page - 1)));
  return d.chance(0.7) ? `（上接第${chineseNumber(from)}版）` : `（上接第${from}版）`;
}
