// Formatting for county staff: yuan from integer fen without floating-point rounding, and dates in China time
// (UTC+8 all year, no DST), computed by offset so the page does not depend on the browser's time-zone data.
'use strict';
window.LH = window.LH || {};
LH.format = (() => {
  const CHINA_OFFSET_MS = 8 * 3600 * 1000;
  const DAY_MS = 24 * 3600 * 1000;
  const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  const money = (fen) => {
    const abs = Math.abs(fen);
    return (fen < 0 ? '-' : '') + '¥' + group(String(Math.floor(abs / 100))) + '.' + String(abs % 100).padStart(2, '0');
  };
  const count = (n) => group(String(n));
  const compactMoney = (fen) => {
    const yuan = fen / 100;
    if (Math.abs(yuan) >= 1e8) return '¥' + (yuan / 1e8).toFixed(1) + '亿';
    if (Math.abs(yuan) >= 1e4) return '¥' + (yuan / 1e4).toFixed(1) + '万';
    return '¥' + Math.round(yuan);
  };
  const weight = (grams) => (grams / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 1 }) + ' 公斤';

  const chinaDate = (ms) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const today = () => chinaDate(Date.now());
  /** The n calendar days ending today in China, oldest first, as yyyy-MM-dd. */
  const lastDays = (n) => {
    const end = Date.parse(today() + 'T00:00:00Z');
    return Array.from({ length: n }, (_, i) => new Date(end - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  };
  const chinaTime = (instant) => {
    const s = new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString();
    return s.slice(0, 10) + ' ' + s.slice(11, 16);
  };
  const now = () => chinaTime(new Date().toISOString());

  return { money, count, compactMoney, weight, today, lastDays, chinaTime, now };
})();
