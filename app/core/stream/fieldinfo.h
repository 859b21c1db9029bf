// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace allium {

/// One field path seen in a topic's messages, as collected by FieldCatalogue.
struct FieldInfo
{
    /// JSON types, as bit flags: a field may be a number in one message and null in another.
    enum Type : unsigned {
        Null = 1u << 0,
        Bool = 1u << 1,
        Number = 1u << 2,
        String = 1u << 3,
        Object = 1u << 4,
        Array = 1u << 5,
    };

    QString path;             ///< dot path, e.g. "payload.coin"
    unsigned types = 0;       ///< Type flags seen
    quint64 presence = 0;     ///< sampled messages that had this path
    double presenceRatio = 0; ///< presence / sampled messages, 0..1
    bool hasRange = false;    ///< min and max are valid (numbers or numeric strings seen)
    double min = 0;
    double max = 0;
    bool numericString = false; ///< numbers arrived as strings (wei amounts, hex excluded)

    bool hasType(Type type) const { return (types & type) != 0; }
    /// "number", "string|null", … for display.
    QString typeText() const;
};

} // namespace allium

Q_DECLARE_METATYPE(allium::FieldInfo)
