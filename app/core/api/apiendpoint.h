// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// One Developer API endpoint: the method it takes, its path and a short description.
struct ApiEndpoint
{
    QString method;
    QString path;
    QString description;
};

} // namespace allium
