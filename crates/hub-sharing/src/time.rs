//! Timestamps: parsing the hub's ISO 8601 strings and describing ages and
//! remaining lifetimes, without any date library.

const MS_PER_SEC: i64 = 1_000;
const MS_PER_MIN: i64 = 60 * MS_PER_SEC;
const MS_PER_HOUR: i64 = 60 * MS_PER_MIN;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A tiny cursor over ASCII bytes.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `n` decimal digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let bytes = self.s.get(self.pos..self.pos + n)?;
        let mut v = 0u32;
        for &b in bytes {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(b - b'0');
        }
        self.pos += n;
        Some(v)
    }

    fn at_end(&self) -> bool {
        self.pos == self.s.len()
    }
}

/// Parse JupyterHub ISO 8601 UTC timestamps: "2026-11-27T21:44:29Z", "2026-11-27T21:44:29.123456Z", also "+00:00" offsets and other offsets, and a missing zone treated as UTC. Returns milliseconds since the Unix epoch. No chrono: implement days-from-civil yourself.
///
/// Also accepted: a space or lowercase `t` between date and time, lowercase `z`,
/// offsets as `+HH:MM`, `+HHMM` or `+HH`, times without seconds (`21:44`), and a
/// `,` decimal separator. Fractions are truncated to milliseconds. Out-of-range
/// fields (month 13, Feb 30, hour 24, ...) give `None`.
pub fn parse_timestamp_ms(s: &str) -> Option<i64> {
    let mut c = Cursor {
        s: s.trim().as_bytes(),
        pos: 0,
    };
    let year = c.digits(4)?;
    if !c.eat(b'-') {
        return None;
    }
    let month = c.digits(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let day = c.digits(2)?;
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let hour = c.digits(2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.digits(2)?;
    let second = if c.eat(b':') { c.digits(2)? } else { 0 };
    let mut millis = 0u32;
    if c.eat(b'.') || c.eat(b',') {
        let mut n = 0;
        while let Some(b) = c.peek().filter(u8::is_ascii_digit) {
            if n < 3 {
                millis = millis * 10 + u32::from(b - b'0');
            }
            n += 1;
            c.pos += 1;
        }
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let offset_min: i64 = match c.peek() {
        None => 0,
        Some(b'Z' | b'z') => {
            c.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let oh = c.digits(2)?;
            let om = if c.eat(b':') {
                c.digits(2)?
            } else if c.at_end() {
                0
            } else {
                c.digits(2)?
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let total = i64::from(oh * 60 + om);
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        Some(_) => return None,
    };
    if !c.at_end() {
        return None;
    }
    let year = i64::from(year);
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let ms = days * MS_PER_DAY
        + i64::from(hour) * MS_PER_HOUR
        + i64::from(minute) * MS_PER_MIN
        + i64::from(second) * MS_PER_SEC
        + i64::from(millis)
        - offset_min * MS_PER_MIN;
    Some(ms)
}

/// How long ago something happened (floored to whole units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ago {
    /// Less than 60 s ago, or in the future by less than 60 s (clock skew).
    JustNow,
    /// 1..=59 minutes ago.
    Minutes(u64),
    /// 1..=23 hours ago.
    Hours(u64),
    /// 1 or more days ago.
    Days(u64),
    /// 60 s or more in the future.
    InFuture,
}

/// Describe the age of `then_ms` at `now_ms`: floored; < 60 s `JustNow`;
/// < 60 min `Minutes`; < 24 h `Hours`; else `Days`.
pub fn ago(then_ms: i64, now_ms: i64) -> Ago {
    let diff = i128::from(now_ms) - i128::from(then_ms);
    let min = i128::from(MS_PER_MIN);
    let hour = i128::from(MS_PER_HOUR);
    let day = i128::from(MS_PER_DAY);
    if diff < 0 {
        return if -diff < min {
            Ago::JustNow
        } else {
            Ago::InFuture
        };
    }
    let to_u64 = |v: i128| u64::try_from(v).unwrap_or(u64::MAX);
    if diff < min {
        Ago::JustNow
    } else if diff < hour {
        Ago::Minutes(to_u64(diff / min))
    } else if diff < day {
        Ago::Hours(to_u64(diff / hour))
    } else {
        Ago::Days(to_u64(diff / day))
    }
}

/// Time left before an expiry, rounded up to whole units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remaining {
    /// The expiry time is now or past.
    Expired,
    /// 1..=59 minutes left (rounded up).
    Minutes(u64),
    /// 1..=23 hours left (rounded up).
    Hours(u64),
    /// 1 or more days left (rounded up).
    Days(u64),
}

/// Describe the time left until `expires_ms` at `now_ms`, always rounding up so a
/// live link never reads as expired:
/// - `<= 0` → `Expired`;
/// - ceil(minutes) < 60 → `Minutes` (59 min 30 s → 60 min, so `Hours(1)`);
/// - ceil(hours) < 24 → `Hours` (1 h 0 min 1 s → `Hours(2)`);
/// - else `Days(ceil(days))` (a fresh 1-day link → `Days(1)`).
pub fn remaining(expires_ms: i64, now_ms: i64) -> Remaining {
    let diff = i128::from(expires_ms) - i128::from(now_ms);
    if diff <= 0 {
        return Remaining::Expired;
    }
    let ceil_div = |unit: i64| {
        let unit = i128::from(unit);
        u64::try_from((diff + unit - 1) / unit).unwrap_or(u64::MAX)
    };
    let minutes = ceil_div(MS_PER_MIN);
    if minutes < 60 {
        return Remaining::Minutes(minutes);
    }
    let hours = ceil_div(MS_PER_HOUR);
    if hours < 24 {
        return Remaining::Hours(hours);
    }
    Remaining::Days(ceil_div(MS_PER_DAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 11, 27), 20_784);
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 4), 30);
        assert_eq!(days_in_month(2026, 13), 0);
    }
}
