// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace allium {

/// The order in which an API response's rows name their members, read from the frame's text:
/// QJsonObject sorts keys, while people expect the columns in the order the server wrote them.
class JsonKeyOrder
{
public:
    /// Distinct member paths recorded at most, so a hostile response cannot grow memory.
    static constexpr int MaxKeys = 4096;

    /// The members of the first `maxRows` rows of a response frame (`{"data": [...]}` or
    /// `{"data": {"items": [...]}}`), in the order first seen, by object: the key "" lists the
    /// rows' own members, "token." those of their "token" objects, down to `maxDepth` levels.
    /// Empty when the text is not such a frame (a prefix of one, not JSON).
    static QHash<QString, QStringList> ofRows(const QByteArray &frame, int maxRows, int maxDepth);
};

} // namespace allium
