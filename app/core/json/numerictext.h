// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace allium {

/// True when the whole text is a decimal number ("1000000000000000000", "-12.5", "1e3");
/// hex, blanks and words are not. Used for numbers that the streams send as strings (wei).
inline bool parseDecimalText(std::string_view text, double *value)
{
    if (text.empty() || text.size() > 64)
        return false;
    const char *begin = text.data();
    const char *end = begin + text.size();
    // Prices and sizes ("-12.5", "30991.0") take a fast path: up to 15 digits and no exponent
    // make an integer and a power of ten both exact in a double, so one division gives the
    // correctly rounded value that std::from_chars gives (which goes through strtod and a
    // locale switch: a cost per watched value that showed in the ingest profile).
    {
        const char *at = begin + (*begin == '-' ? 1 : 0);
        std::uint64_t mantissa = 0;
        int digits = 0;
        int fractionDigits = -1; // -1: no point seen
        for (; at != end && digits <= 15; ++at) {
            if (*at >= '0' && *at <= '9') {
                mantissa = mantissa * 10 + std::uint64_t(*at - '0');
                ++digits;
                if (fractionDigits >= 0)
                    ++fractionDigits;
            } else if (*at == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else {
                break;
            }
        }
        if (at == end && digits > 0 && digits <= 15) {
            static constexpr double PowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
            double number = double(mantissa);
            if (fractionDigits > 0)
                number /= PowersOfTen[fractionDigits];
            *value = *begin == '-' ? -number : number;
            return true;
        }
    }
    const auto result = std::from_chars(begin, end, *value);
    return result.ec == std::errc() && result.ptr == end;
}

} // namespace allium
