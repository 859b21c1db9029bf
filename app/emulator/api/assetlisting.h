// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace allium {

/// The assets listing of one seed: every asset (the well-known tokens grouped by slug, then the
/// made-up ones), and per chain which assets have a token there.
struct AssetListing
{
    explicit AssetListing(quint64 seed);

    /// The listing of `seed`, built once and shared by every request of that seed.
    static std::shared_ptr<const AssetListing> forSeed(quint64 seed);

    QList<QJsonObject> items;
    QList<QString> itemTexts; ///< compact JSON of each item
    QHash<QString, QList<qsizetype>> byChain;
};

} // namespace allium
