// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

namespace allium {

class ConnectionProfile;

/// A bold, coloured badge saying where a profile points: "Local emulator" or "Allium" (or the
/// host of anything else), so nobody mistakes test data for production or the other way round.
class ProfileBadge : public QLabel
{
    Q_OBJECT
public:
    enum class Kind { LocalEmulator, Allium, Other };

    explicit ProfileBadge(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile);
    Kind kind() const { return m_kind; }
    /// Loopback hosts and the embedded emulator are local; *.allium.so is Allium.
    static Kind kindOf(const ConnectionProfile &profile);

private:
    Kind m_kind = Kind::Other;
};

} // namespace allium
