// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

#include <QString>
#include <QStringList>

namespace allium {

/// allium-emulator's command line onto EmulatorOptions, with a clear message for each bad value.
/// Parsing only: printing and exiting are main()'s business, so this is testable.
class EmulatorCommandLine
{
public:
    enum class Outcome { Run, Help, Version, Error };

    struct Result
    {
        Outcome outcome = Outcome::Error;
        EmulatorOptions options;
        QString certificateOut; ///< --cert-out: where to write the TLS certificate (PEM)
        QString text;           ///< the help text, the version, or the error message
    };

    /// `arguments` as QCoreApplication::arguments() gives them (program name first).
    static Result parse(const QStringList &arguments);
};

} // namespace allium
