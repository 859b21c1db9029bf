// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
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
    const auto result = std::from_chars(begin, end, *value);
    return result.ec == std::errc() && result.ptr == end;
}

} // namespace allium
