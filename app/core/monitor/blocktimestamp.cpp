// SPDX-License-Identifier: MIT
#include "core/monitor/blocktimestamp.h"

#include "core/workspace/chainhead.h"

namespace allium {

namespace {

// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(qint64 year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = unsigned(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + qint64(dayOfEra) - 719468;
}

// Reads `count` digits at p; false when one is not a digit.
bool digits(const char *p, int count, int *value)
{
    int result = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        result = result * 10 + (p[i] - '0');
    }
    *value = result;
    return true;
}

bool parseIso(QByteArrayView text, qint64 *ms)
{
    // YYYY-MM-DDTHH:MM:SS is 19 characters.
    if (text.size() < 19)
        return false;
    const char *p = text.data();
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(p, 4, &year) || p[4] != '-' || !digits(p + 5, 2, &month) || p[7] != '-' ||
        !digits(p + 8, 2, &day) || (p[10] != 'T' && p[10] != ' ') || !digits(p + 11, 2, &hour) ||
        p[13] != ':' || !digits(p + 14, 2, &minute) || p[16] != ':' ||
        !digits(p + 17, 2, &second)) {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return false;
    qsizetype i = 19;
    int millis = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int scale = 100;
        const qsizetype start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            millis += (text[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start)
            return false;
    }
    const QByteArrayView zone = text.sliced(i);
    if (!zone.isEmpty() && zone != "Z" && zone != "+00:00" && zone != "+0000")
        return false;
    *ms = (daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 + minute * 60 +
           second) *
              1000 +
          millis;
    return true;
}

} // namespace

bool BlockTimestamp::parseMs(QByteArrayView text, qint64 *ms)
{
    qint64 number = 0;
    if (ChainHead::readInteger(text, &number)) {
        // Epoch seconds stay below 10^11 until the year 5138.
        *ms = number >= 100000000000LL ? number : number * 1000;
        return true;
    }
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    return parseIso(text.sliced(1, text.size() - 2), ms);
}

} // namespace allium
