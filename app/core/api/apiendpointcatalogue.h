// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"

#include <QList>
#include <QStringList>

namespace allium {

/// The Developer API endpoints known from Allium's documentation, for the console's path
/// completion and method hints. Paths not listed here can still be called.
class ApiEndpointCatalogue
{
public:
    static const QList<ApiEndpoint> &endpoints();
    /// Every known path, in catalogue order, without duplicates.
    static QStringList paths();
    /// The documented method of `path`, or empty when the path is not in the catalogue.
    static QString methodFor(const QString &path);
    /// The endpoint of `path`, or nullptr.
    static const ApiEndpoint *find(const QString &path);
};

} // namespace allium
