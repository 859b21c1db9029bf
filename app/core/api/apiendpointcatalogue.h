// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"

#include <QList>
#include <QStringList>

namespace allium {

/// The Developer API endpoints documented by Allium (the docs notes, section 3.2), with their
/// parameters, response shapes and costs: the one catalogue the console, the CLI and the
/// emulator read. Paths not listed here can still be called.
class ApiEndpointCatalogue
{
public:
    static const QList<ApiEndpoint> &endpoints();
    /// Every known path, in catalogue order, without duplicates.
    static QStringList paths();
    /// The documented method of `path`, or empty when the path is not in the catalogue.
    static QString methodFor(const QString &path);
    /// The endpoint of `path` (a query string and trailing slashes ignored), or nullptr.
    static const ApiEndpoint *find(const QString &path);
    /// `path` without its query string and trailing slashes.
    static QString normalisedPath(const QString &path);
    /// Endpoints whose method, path, description or area contain every word of `text`.
    static QList<const ApiEndpoint *> search(const QString &text);
};

} // namespace allium
