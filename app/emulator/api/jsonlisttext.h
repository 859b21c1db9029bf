// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// Builds "[t1,t2,…]" from items' compact JSON texts, for listings that keep each item's text.
class JsonListText
{
public:
    void append(const QString &itemText)
    {
        m_text += m_text.isEmpty() ? QLatin1Char('[') : QLatin1Char(',');
        m_text += itemText;
    }
    QString finish() { return m_text.isEmpty() ? QStringLiteral("[]") : m_text + QLatin1Char(']'); }

private:
    QString m_text;
};

} // namespace allium
