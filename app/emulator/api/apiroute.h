// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/api/apianswer.h"
#include "emulator/api/apicall.h"

#include <QString>

namespace allium {

/// One entry of the API route table: a method and a path, and the handler that answers them.
struct ApiRoute
{
    using Handler = ApiAnswer (*)(const ApiCall &request);

    QString method; ///< upper case, e.g. "GET"
    QString path;   ///< without query string or trailing slash, e.g. "/api/v1/developer/assets"
    Handler handler = nullptr;
};

} // namespace allium
