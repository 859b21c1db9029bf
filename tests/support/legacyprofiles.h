// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

/// Writes the settings file `file` as an older version saved it: one connection profile `name`
/// at `baseUrl`, with no consent to clear text (those versions had none). Other keys of the
/// file are kept.
void writeLegacyProfile(const QString &file, const QString &name, const QString &baseUrl);

} // namespace allium
