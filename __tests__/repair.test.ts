import { describe, expect, it } from '@jest/globals';
import { decideJoin, joinPieces } from '../src/transform/repair.js';
import { jiebaLexicon } from '../src/lexicon/jieba.js';

const jieba = jiebaLexicon();

const piece = (text: string, line: number) => ({ text, line, offset: line * 100, end: line * 100 + text.length });

describe('break repair decisions', () => {
  it.each([
    ['…积极赋能成渝地区双城经济圈建', '设,打造西部陆海新通道金融服务体系', 'mid-word'],
    ['…强化党建统领,层层压实责任,', '切实把党的领导优势转化为金融工作实际成效。', 'clause'],
    ['…形成产业、教育、科技、人才深度融合', '合、良性循环、互促互进的育人新模式。', 'duplicate'],
    ['目前,变量施肥技术体系在吉林、黑龙江等地累', '计核心示范面积34万亩。', 'mid-word'],
    ['目前人造金刚石制备技术分为高温高压法（HPHT）和CV', 'D两大路线。', 'mid-word'],
    ['这段水上高速从“双向两', '两车道”升级为“双向四车道”。', 'duplicate'],
    ['两项进展接连出现,从计算辅助到参与证明生成与结构构造', ',AI正深度融入数学研究核心环节。', 'clause'],
    ['图:', '本报娱乐部编辑与读者见面。', 'clause'],
    ['在没有定位信号的受限环境', '中，无人机如何智能辨识方向、自主避障？', 'clause'],
    ['新设备带来了一个新问题,', ',即如何培训操作人员?', 'duplicate'],
    ['会议决定，这项工程将于明年建成并于', '10月1日，正式向社会开放。', 'mid-sentence'],
    ['经过两年多的筹备，市图书馆新馆终于在国庆前夕迎来了第一批读者，馆长介绍', '“这是全市最大的公共阅读空间。”', 'mid-sentence'],
    ['市民反映的问题已经全部解决。', '。下一步将建立长效机制。', 'duplicate'],
    // 40 characters and more with no mark: a cut, however it ends
    ['市委理论学习中心组围绕推动高质量发展这一主题开展集中学习研讨并对下一步重点工作作出具体部署安排', '要求各级党组织认真抓好落实。', 'mid-sentence'],
    // a word and a full stop below finish the sentence above
    ['市政协今天上午在政协礼堂三楼大厅举行新春', '座谈会。市政协主席出席并讲话。', 'mid-sentence'],
    // a paragraph that opens on a time or a link word and a comma is still in its first sentence
    ['近日，在市委统一部署下', '各区县启动了新一轮老旧小区改造。', 'mid-sentence'],
    ['此外，部分街道社区', '推出夜间便民服务，受到居民欢迎。', 'mid-sentence'],
    ['2023年5月，全市首批智慧停车场', '在主城区建成投用。', 'mid-sentence'],
    // a function word that cannot end a sentence, standing as a word of its own
    ['今年以来全市各地的', '农村道路建设明显提速。', 'mid-sentence'],
    // text with few marks (an era's dump): only a short line may be an intertitle
    ['本埠各界昨日在市商会举行盛大集会慶祝勝利', '到會者數千人秩序井然會場內外懸掛國旗標語甚多情形熱烈', 'mid-sentence'],
  ])('joins %s | %s (%s)', (left, right, kind) => {
    const d = decideJoin(left, right, jieba);
    expect(d.join).toBe(true);
    expect(d.kind).toBe(kind);
  });

  it.each([
    ['会议还研究了其他事项。', '渝湘复线高速公路芦沟河特大桥施工现场,左幅顺利合龙。'],
    ['AI走出了一条人类没想到的路', '此次OpenAI参与研究的“平面单位距离问题”,是组合几何中的经典问题之一。'],
    ['从退市进度来看,已退市的公司主要呈现以下三大梯队:', '完成摘牌或退市整理期届满的公司共9家。'],
    ['政策赋能，解开束缚转化的“细绳子”——', '变化始于一系列改革举措。'],
    ['市政府关于调整公交线路的通告', '一、自下月起，5路公交车延长至火车站。'],
    ['今年的主要做法是——', '——把服务站建到村口。'],
    ['图说:来自华阳社区的老年合唱团在现场表演', '“晚报上面,既有国家大事,也有平民百姓的故事。”'],
    ['一、自下月起，5路公交车延长至火车站；', '二、12路公交车停靠站点调整为东门。'],
    ['（一）具有大学本科及以上学历；', '（二）具有3年以上相关工作经验。'],
    ['免去王晓东的中华人民共和国驻某国特命全权大使职务；', '任命李明为中华人民共和国驻某国特命全权大使。'],
    ['两条线路各有侧重：一条服务通勤；', '一条服务旅游，沿途设8个站点。'],
    ['全会作出一系列部署，法治建设全面发力、多点突破、纵深推进——', '明确全面依法治国的各项任务，建立健全督办机制。'],
    ['深入生活、扎根人民，争做新时代文艺轻骑兵', '2019年9月25日，一支乌兰牧骑来到草原深处。'],
    ['彰显文化自信、凝聚奋进力量，中国精神成为文艺的灵魂', '1月3日，一部新作在京首演。'],
    // such a character at the end of an idiom ends it (触手可及, 大有可为)
    ['优化设施，好书触手可及', '“深入开展全民阅读活动，要特别重视提升阅读的长效性。”'],
    ['我们的工作大有可为', '市民踊跃报名，活动取得圆满成功。'],
    // a long intertitle with commas above a sentence that opens on its date
    ['坚持以人民为中心的发展思想，让城市更新成果更多更公平地惠及全体市民，不断增强群众的获得感和幸福感', '2023年4月12日，全市城市更新工作推进会召开。'],
    // an intertitle of 19 to 39 characters with no mark in it, above punctuated prose
    ['党的执政能力高低在很大程度上决定着国家治理水平的高低', '治理效果最容易转化为群众获得感。简政放权深入推进，创新创业浪潮风生水起。'],
    ['把初心使命铭之于心践之于行落实到每一项具体工作中去', '革命战争年代，共产党员都要经受血与火的考验。'],
  ])('keeps the paragraph end after %s', (left, right) => {
    expect(decideJoin(left, right, jieba).join).toBe(false);
  });

  it('records each repair with where, what and why, and drops a repeated character once', () => {
    const { paragraphs, repairs } = joinPieces([piece('人才深度融合', 1), piece('合、良性循环。', 3), piece('下一段。', 5)], true, jieba);
    expect(paragraphs.map((p) => p.text)).toEqual(['人才深度融合、良性循环。', '下一段。']);
    expect(repairs).toEqual([
      { kind: 'duplicate', line: 3, offset: 300, before: '人才深度融合', after: '合、良性循环。', dropped: '合', evidence: expect.any(Array) },
    ]);
  });

  it('drops a comma the break printed twice, but keeps an ellipsis split by the break', () => {
    const { paragraphs } = joinPieces([piece('村里修好了路，', 1), piece('，还装上了路灯。', 3), piece('他说：“这下好了…', 5), piece('…”', 7)], true, jieba);
    expect(paragraphs.map((p) => p.text)).toEqual(['村里修好了路，还装上了路灯。', '他说：“这下好了……”']);
  });

  it('keeps every piece as printed with repair off', () => {
    const { paragraphs, repairs } = joinPieces([piece('经济圈建', 1), piece('设,打造。', 3)], false, jieba);
    expect(paragraphs.map((p) => p.text)).toEqual(['经济圈建', '设,打造。']);
    expect(repairs).toEqual([]);
  });
});
