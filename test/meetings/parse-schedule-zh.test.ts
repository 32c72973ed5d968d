import assert from 'node:assert/strict';
import { chineseNumber, halfWidth } from '../../src/meetings/chinese-text';
import { itReadsEveryRow, itReadsTheSameInServerZones, type ParseRow } from '../support/parse-table';

// Thursday 26 Nov 2026, 10:00 in Shanghai (UTC+8).
const SH_THU_10AM = new Date('2026-11-26T02:00:00Z');
const SH = 'Asia/Shanghai';
// Monday 30 Nov 2026, 08:00 in Shanghai: start of a week.
const SH_MON_8AM = new Date('2026-11-30T00:00:00Z');
// Sunday 29 Nov 2026, 23:30 in Shanghai: last minutes of a week.
const SH_SUN_2330 = new Date('2026-11-29T15:30:00Z');
// Friday 27 Nov 2026, 09:00 in Shanghai.
const SH_FRI_9AM = new Date('2026-11-27T01:00:00Z');
// Thursday 26 Nov 2026, 00:30 in Shanghai (still Wednesday in UTC).
const SH_THU_0030 = new Date('2026-11-25T16:30:00Z');

const rows: ParseRow[] = [
  // --- relative days with a part of the day ---
  { text: '设计评审 明天下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '设计评审明天下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00', why: 'no spaces' },
  { text: '明天下午2点 设计评审', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '明天下午2点的设计评审', subject: '设计评审', date: '2026-11-27', time: '14:00', why: '的 ties the time in' },
  { text: '设计评审在明天下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00', why: '在 ties the time in' },
  { text: '评审 明天下午两点', subject: '评审', date: '2026-11-27', time: '14:00' },
  { text: '评审 明天下午两点半', subject: '评审', date: '2026-11-27', time: '14:30' },
  { text: '评审 明天下午二点十五分', subject: '评审', date: '2026-11-27', time: '14:15' },
  { text: '评审 明天下午2点15', subject: '评审', date: '2026-11-27', time: '14:15' },
  { text: '评审 明天下午2:30', subject: '评审', date: '2026-11-27', time: '14:30' },
  { text: '周会 后天16:00', subject: '周会', date: '2026-11-28', time: '16:00' },
  { text: '周会 后天16:00 半小时', subject: '周会', date: '2026-11-28', time: '16:00', duration: 30, why: 'the 00 of 16:00 is not hours for 半小时' },
  { text: '周会 明天 9:30 一个半小时', subject: '周会', date: '2026-11-27', time: '09:30', duration: 90 },
  { text: '周会 大后天上午10点', subject: '周会', date: '2026-11-29', time: '10:00' },
  { text: '团建 今晚7点', subject: '团建', date: '2026-11-26', time: '19:00' },
  { text: '团建 今晚', subject: '团建', date: '2026-11-26', why: 'an evening, no time' },
  { text: '需求评审 明晚8点', subject: '需求评审', date: '2026-11-27', time: '20:00' },
  { text: '需求评审 明早8点半', subject: '需求评审', date: '2026-11-27', time: '08:30' },
  { text: '需求评审 明天上午11点45分', subject: '需求评审', date: '2026-11-27', time: '11:45' },
  { text: '早会 早上9点', subject: '早会', date: '2026-11-27', time: '09:00', why: '9 AM has passed today' },
  { text: '评审 早9点', subject: '评审', date: '2026-11-27', time: '09:00' },
  { text: '评审 晚8点', subject: '评审', date: '2026-11-26', time: '20:00' },
  { text: '复盘 傍晚6点', subject: '复盘', date: '2026-11-26', time: '18:00', why: 'chrono has no 傍晚 and reads 6 AM' },
  { text: '午餐会 中午12点', subject: '午餐会', date: '2026-11-26', time: '12:00' },
  { text: '午餐会 明天中午', subject: '午餐会', date: '2026-11-27', time: '12:00' },
  { text: '午餐会 中午12点半', subject: '午餐会', date: '2026-11-26', time: '12:30' },
  { text: '午餐会 明天中午1点', subject: '午餐会', date: '2026-11-27', time: '13:00', why: 'chrono reads 中午1点 as 1 AM' },
  { text: '评审 凌晨1点', subject: '评审', date: '2026-11-27', time: '01:00' },
  { text: '评审 明天二十点', subject: '评审', date: '2026-11-27', time: '20:00' },
  { text: '设计评审 今天下午', subject: '设计评审', date: '2026-11-26' },
  { text: '设计评审 3天后 下午2点', subject: '设计评审', date: '2026-11-29', time: '14:00' },
  // --- weekdays ---
  { text: '需求评审 下周三上午10点半', subject: '需求评审', date: '2026-12-02', time: '10:30' },
  { text: '复盘 周五下午5点', subject: '复盘', date: '2026-11-27', time: '17:00' },
  { text: '评审 星期五 下午三点', subject: '评审', date: '2026-11-27', time: '15:00' },
  { text: '评审 礼拜五上午十点', subject: '评审', date: '2026-11-27', time: '10:00' },
  { text: '评审 周5下午3点', subject: '评审', date: '2026-11-27', time: '15:00', why: 'digit weekday' },
  { text: '评审 本周五下午3点', subject: '评审', date: '2026-11-27', time: '15:00' },
  { text: '评审 这周五', subject: '评审', date: '2026-11-27' },
  { text: '评审 星期天上午10点', subject: '评审', date: '2026-11-29', time: '10:00' },
  { text: '郊游 下周日', subject: '郊游', date: '2026-12-06', why: 'weeks run Monday to Sunday; chrono says Nov 29' },
  { text: '回顾会 下下周五下午3点', subject: '回顾会', date: '2026-12-11', time: '15:00' },
  { text: '月度复盘 下周一 上午10点', subject: '月度复盘', date: '2026-11-30', time: '10:00' },
  { text: '周报会 周一 上午10点', subject: '周报会', date: '2026-11-30', time: '10:00', why: '周 inside a word is not a weekday' },
  { text: '规划会 周三 下午3点', subject: '规划会', date: '2026-12-02', time: '15:00', why: 'chrono picks the nearest Wednesday, yesterday' },
  {
    text: '复盘 周四下午5点', subject: '复盘', date: '2026-11-26', time: '17:00',
    ambiguities: { date: 'I read "周四" as today, Thu, Nov 26, not next week — check the date.' }, why: 'today is Thursday',
  },
  {
    text: '复盘 周五上午10点', now: SH_FRI_9AM, subject: '复盘', date: '2026-11-27', time: '10:00',
    ambiguities: { date: 'I read "周五" as today, Fri, Nov 27, not next week — check the date.' },
  },
  {
    text: '复盘 周五上午8点', now: SH_FRI_9AM, subject: '复盘', date: '2026-12-04', time: '08:00',
    ambiguities: { date: 'I read "周五" as next week, Fri, Dec 4, not today — check the date.' }, why: '8 AM has passed',
  },
  { text: '复盘 这周五上午10点', now: SH_FRI_9AM, subject: '复盘', date: '2026-11-27', time: '10:00', why: '这 says this week' },
  { text: '复盘 下周五上午10点', now: SH_FRI_9AM, subject: '复盘', date: '2026-12-04', time: '10:00' },
  { text: '需求评审 下周三上午10点', now: SH_MON_8AM, subject: '需求评审', date: '2026-12-09', time: '10:00' },
  { text: '需求评审 周三上午10点', now: SH_MON_8AM, subject: '需求评审', date: '2026-12-02', time: '10:00' },
  { text: '需求评审 下周三上午10点', now: SH_SUN_2330, subject: '需求评审', date: '2026-12-02', time: '10:00', why: 'Sunday is still this week' },
  {
    text: '规划会 下周', subject: '规划会', date: '2026-12-03',
    ambiguities: { date: 'I read "下周" as Thu, Dec 3 — check the date.' }, why: 'a week without a day',
  },
  // --- absolute dates ---
  { text: '培训 12月5日 上午10点', subject: '培训', date: '2026-12-05', time: '10:00' },
  { text: '培训 十二月五日上午十点', subject: '培训', date: '2026-12-05', time: '10:00' },
  { text: '发布 2027年1月8日 下午3点', subject: '发布', date: '2027-01-08', time: '15:00' },
  { text: '发布 1月3日', subject: '发布', date: '2027-01-03', why: 'no year and Jan 3 is behind us' },
  { text: '评审 8号 上午10点', subject: '评审', date: '2026-12-08', time: '10:00', why: 'the 8th has passed this month' },
  { text: '评审 30号', subject: '评审', date: '2026-11-30' },
  // --- hours without a part of the day ---
  { text: '需求评审 明天10点', subject: '需求评审', date: '2026-11-27', time: '10:00' },
  { text: '需求评审 明天8点', subject: '需求评审', date: '2026-11-27', time: '08:00' },
  { text: '需求评审 明天3点', subject: '需求评审', date: '2026-11-27', time: '15:00', why: 'a work meeting at 3 is in the afternoon' },
  { text: '需求评审 明天12点', subject: '需求评审', date: '2026-11-27', time: '12:00' },
  {
    text: '需求评审 明天7点', subject: '需求评审', date: '2026-11-27', time: '19:00',
    ambiguities: { time: 'I read "7点" as 7:00 PM — check the time.' }, why: '7 could be either',
  },
  { text: '评审 周五10点', subject: '评审', date: '2026-11-27', time: '10:00' },
  { text: '站会 十点一刻', subject: '站会', date: '2026-11-26', time: '10:15', why: 'chrono reads 一刻 as one minute' },
  { text: '设计评审 明天下午2点整', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '设计评审 明天下午2点钟', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  {
    text: '设计评审 明天下午2点 左右', subject: '设计评审', date: '2026-11-27', time: '14:00',
    ambiguities: { time: 'I read "下午2点 左右" as 2:00 PM — check the time.' }, why: 'about 2 PM: asked, as "2pm-ish" is',
  },
  {
    text: '设计评审 明天到下午5点', subject: '设计评审', date: '2026-11-27',
    ambiguities: { time: '"到下午5点" says when it ends — when does it start?' },
  },
  { text: '上线 晚上12点', subject: '上线', date: '2026-11-27', time: '00:00', why: 'alone: the coming midnight' },
  {
    text: '上线 明天晚上12点', subject: '上线', date: '2026-11-28', time: '00:00',
    ambiguities: { time: 'I read "晚上12点" as 12:00 AM at the start of Sat, Nov 28 — check the date and time.' },
    why: 'with a day: the night into it or out of it',
  },
  // --- ranges ---
  { text: '站会 9:00-11:00', subject: '站会', date: '2026-11-27', time: '09:00', duration: 120 },
  { text: '面试 3点到4点半', subject: '面试', date: '2026-11-26', time: '15:00', duration: 90 },
  { text: '周会 明天 3点到4点半', subject: '周会', date: '2026-11-27', time: '15:00', duration: 90 },
  { text: '面试 后天下午2点到4点', subject: '面试', date: '2026-11-28', time: '14:00', duration: 120, why: 'chrono gives 4 AM for the end' },
  { text: '面试 上午10点至11点', subject: '面试', date: '2026-11-26', time: '10:00', duration: 60 },
  { text: '站会 明天9:00-9:30', subject: '站会', date: '2026-11-27', time: '09:00', duration: 30 },
  { text: '评审 下午2-4点', subject: '评审', date: '2026-11-26', time: '14:00', duration: 120, why: 'chrono reads only 4点' },
  { text: '评审 明天三到四点半', subject: '评审', date: '2026-11-27', time: '15:00', duration: 90 },
  { text: '评审 14:00~15:00', subject: '评审', date: '2026-11-26', time: '14:00', duration: 60 },
  { text: '评审 上午9点到下午1点', subject: '评审', date: '2026-11-27', time: '09:00', duration: 240 },
  { text: 'Q4-3点 评审', subject: 'Q4 评审', date: '2026-11-26', time: '15:00', why: 'Q4 is not the start of a range' },
  { text: '评审 2026-12-05 14:00', subject: '评审', date: '2026-12-05', time: '14:00' },
  { text: '评审 12/5 下午3点', subject: '评审', date: '2026-12-05', time: '15:00' },
  { text: '评审 12月5号 下午3点', subject: '评审', date: '2026-12-05', time: '15:00' },
  { text: '评审：明天 下午 3 点', subject: '评审', date: '2026-11-27', time: '15:00' },
  { text: '评审 明天下午3点，持续45分钟', subject: '评审', date: '2026-11-27', time: '15:00', duration: 45 },
  { text: '评审 明天下午三点 两个半小时', subject: '评审', date: '2026-11-27', time: '15:00', duration: 150 },
  // --- durations ---
  { text: '架构讨论 明天下午2点 一小时', subject: '架构讨论', date: '2026-11-27', time: '14:00', duration: 60, why: 'chrono reads the 一 as 2:01' },
  { text: '同步 45分钟', subject: '同步', duration: 45 },
  { text: '同步 明天下午3点 1小时', subject: '同步', date: '2026-11-27', time: '15:00', duration: 60 },
  { text: '同步 明天下午3点 半小时', subject: '同步', date: '2026-11-27', time: '15:00', duration: 30 },
  { text: '培训 明天早上9点 一个半小时', subject: '培训', date: '2026-11-27', time: '09:00', duration: 90 },
  { text: 'workshop 周五 两个小时', subject: 'workshop', date: '2026-11-27', duration: 120 },
  { text: '评审 下周五 两小时', subject: '评审', date: '2026-12-04', duration: 120 },
  { text: '复盘 明天上午10点 1.5小时', subject: '复盘', date: '2026-11-27', time: '10:00', duration: 90 },
  { text: '复盘 明天上午10点 1小时30分钟', subject: '复盘', date: '2026-11-27', time: '10:00', duration: 90 },
  { text: '复盘 明天上午10点 时长二十分钟', subject: '复盘', date: '2026-11-27', time: '10:00', duration: 20 },
  { text: '项目会 下午3点 开 1个半小时', subject: '项目会', date: '2026-11-26', time: '15:00', duration: 90 },
  { text: '需求评审 明天下午2点 三楼会议室', subject: '需求评审 三楼会议室', date: '2026-11-27', time: '14:00', why: '三 is not 2:03' },
  // --- starts from now ---
  { text: '评审 半小时后', subject: '评审', date: '2026-11-26', time: '10:30' },
  { text: '评审 一小时后', subject: '评审', date: '2026-11-26', time: '11:00' },
  { text: '评审 30分钟后', subject: '评审', date: '2026-11-26', time: '10:30' },
  { text: '现在 开会', subject: '开会', date: '2026-11-26', time: '10:00' },
  // --- full-width and punctuation ---
  { text: '明天下午２点　设计评审', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '设计评审 明天下午２：３０', subject: '设计评审', date: '2026-11-27', time: '14:30' },
  { text: '明天下午2点，设计评审，１小时。', subject: '设计评审', date: '2026-11-27', time: '14:00', duration: 60 },
  { text: '设计评审，明天，下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '明天 设计评审 下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  // --- subjects ---
  { text: '"设计评审" 明天下午2点', subject: '设计评审', date: '2026-11-27', time: '14:00' },
  { text: '《Q4 规划》下周二 上午10点', subject: 'Q4 规划', date: '2026-12-01', time: '10:00' },
  { text: '「明天的评审」后天下午2点', subject: '明天的评审', date: '2026-11-28', time: '14:00', why: 'date words inside the quotes are not read' },
  { text: '三月规划 明天下午2点', subject: '三月规划', date: '2026-11-27', time: '14:00' },
  { text: '线上会议 明天下午3点', subject: '线上会议', date: '2026-11-27', time: '15:00', why: 'chrono reads 上 alone as morning' },
  { text: '中文评审 明天下午3点', subject: '中文评审', date: '2026-11-27', time: '15:00' },
  { text: '明天下午3点开会', subject: '开会', date: '2026-11-27', time: '15:00' },
  { text: '明天下午3点开设计评审', subject: '设计评审', date: '2026-11-27', time: '15:00' },
  { text: '明天下午3点召开项目启动会', subject: '项目启动会', date: '2026-11-27', time: '15:00' },
  { text: '和张三开会 明天下午3点', subject: '和张三开会', date: '2026-11-27', time: '15:00' },
  { text: '1:1 周一 10点', subject: '1:1', date: '2026-11-30', time: '10:00', why: 'not 1:01' },
  { text: '设计评审', subject: '设计评审' },
  { text: '明天下午2点', date: '2026-11-27', time: '14:00' },
  // --- Chinese with English ---
  { text: 'Sprint 评审 明天3pm', subject: 'Sprint 评审', date: '2026-11-27', time: '15:00' },
  { text: 'Sprint 评审 tomorrow 下午3点', subject: 'Sprint 评审', date: '2026-11-27', time: '15:00' },
  { text: 'Sprint评审 周五 15:00 for 1 hour', subject: 'Sprint评审', date: '2026-11-27', time: '15:00', duration: 60 },
  { text: 'Design review 明天下午2点 45 min', subject: 'Design review', date: '2026-11-27', time: '14:00', duration: 45 },
  // --- the user's own day ---
  { text: '同步 明天上午10点', now: SH_THU_0030, subject: '同步', date: '2026-11-27', time: '10:00', why: "chrono's 明天 after midnight is today" },
  { text: '同步 明早9点', now: SH_THU_0030, subject: '同步', date: '2026-11-27', time: '09:00' },
  { text: '同步 今天下午3点', now: SH_THU_0030, subject: '同步', date: '2026-11-26', time: '15:00' },
  {
    text: '同步 明天下午3点', now: new Date('2026-11-27T05:00:00Z'), tz: 'America/Los_Angeles',
    subject: '同步', date: '2026-11-27', time: '15:00', why: 'still Thursday 9 PM in Los Angeles',
  },
  {
    text: '同步 后天下午3点', now: new Date('2026-11-24T05:00:00Z'), tz: 'America/Los_Angeles',
    subject: '同步', date: '2026-11-25', time: '15:00', why: 'Monday 9 PM in Los Angeles, already Tuesday in UTC',
  },
];

describe('parseSchedule in Chinese', () => {
  itReadsEveryRow(rows, { now: SH_THU_10AM, tz: SH, locale: 'zh-CN' }, (row) => `${JSON.stringify(row.text)}${row.why ? ` (${row.why})` : ''}`);

  itReadsTheSameInServerZones('gives the same answers whatever time zone the server process runs in', rows, { now: SH_THU_10AM, tz: SH, locale: 'zh-CN' }, [
    ['Pacific/Kiritimati', -840],
    ['America/Los_Angeles', 480],
    ['UTC', 0],
  ]);
});

describe('Chinese numerals and full-width forms', () => {
  const numbers: [string, number | undefined][] = [
    ['一', 1], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['四十五', 45], ['九十', 90],
    ['一百二十', 120], ['45', 45], ['1.5', 1.5], ['', undefined], ['半', undefined],
  ];
  for (const [raw, value] of numbers) {
    it(`${JSON.stringify(raw)} is ${value}`, () => assert.equal(chineseNumber(raw), value));
  }

  it('maps full-width digits and punctuation one character for one', () => {
    const text = '下午２：３０，ＰＭ　１小时';
    assert.equal(halfWidth(text), '下午2:30,PM 1小时');
    assert.equal(halfWidth(text).length, text.length);
  });
});
