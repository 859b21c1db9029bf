// SPDX-License-Identifier: MIT
#pragma once

#include <QStringView>

namespace allium {

/// Finds where a path such as `conditions[1].operator` sits in JSON text, so an editor can
/// underline the exact place a validation error names.
class JsonPathLocator
{
public:
    /// A character (UTF-16 code unit) range in the text; start is -1 when nothing was found.
    struct Range
    {
        int start = -1;
        int length = 0;
        bool isValid() const { return start >= 0; }
        friend bool operator==(const Range &a, const Range &b)
        {
            return a.start == b.start && a.length == b.length;
        }
    };

    /// The range of the value the path names. When the last key is missing (e.g. a missing
    /// `field`), the range of the object that should hold it; when an earlier step is missing,
    /// the deepest value that was found. An empty path names the whole document. A duplicated
    /// key resolves to its last occurrence, as QJsonDocument does. Works on text with syntax
    /// errors as far as the text allows; never recurses, so any nesting depth is safe.
    static Range locate(QStringView jsonText, QStringView path);
};

} // namespace allium
