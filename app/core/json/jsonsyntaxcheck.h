// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <QString>

namespace allium {

/// Checks JSON text typed by a person and says where it is wrong in editor terms (line and
/// column), so an editor can point at the mistake while the user types.
class JsonSyntaxCheck
{
public:
    /// Parses `text`. Empty (or blank) text is valid and gives an undefined value.
    static JsonSyntaxCheck check(const QString &text);

    bool isValid() const { return m_valid; }
    bool isEmpty() const { return m_value.isUndefined() && m_valid; }
    QJsonValue value() const { return m_value; } ///< the parsed object or array when valid
    int line() const { return m_line; }          ///< 1-based; 0 when valid
    int column() const { return m_column; }      ///< 1-based, in characters; 0 when valid
    int offset() const { return m_offset; }      ///< UTF-16 offset of the error, -1 when valid
    QString reason() const { return m_reason; }  ///< e.g. "unterminated string"
    /// "Line 3, column 7: unterminated string", or empty when valid.
    QString message() const;

private:
    bool m_valid = true;
    QJsonValue m_value = QJsonValue::Undefined;
    int m_line = 0;
    int m_column = 0;
    int m_offset = -1;
    QString m_reason;
};

} // namespace allium
