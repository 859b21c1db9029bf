// SPDX-License-Identifier: MIT
#include "core/connection/connectionevent.h"

#include <QCoreApplication>

namespace allium {

QString connectionEventKindText(ConnectionEventKind kind)
{
    switch (kind) {
    case ConnectionEventKind::Opened:
        return QCoreApplication::translate("allium", "Opened");
    case ConnectionEventKind::Closed:
        return QCoreApplication::translate("allium", "Closed");
    case ConnectionEventKind::RetryScheduled:
        return QCoreApplication::translate("allium", "Retry scheduled");
    case ConnectionEventKind::Resubscribed:
        return QCoreApplication::translate("allium", "Re-subscribed");
    case ConnectionEventKind::ServerError:
        return QCoreApplication::translate("allium", "Server error");
    case ConnectionEventKind::Failed:
        return QCoreApplication::translate("allium", "Failed");
    case ConnectionEventKind::TlsError:
        return QCoreApplication::translate("allium", "TLS error");
    case ConnectionEventKind::Integrity:
        return QCoreApplication::translate("allium", "Integrity");
    case ConnectionEventKind::Info:
        return QCoreApplication::translate("allium", "Info");
    }
    return QString();
}

} // namespace allium
