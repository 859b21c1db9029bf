// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionprofile.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QAction;
class QCheckBox;

namespace allium {

class KeyStore;
class ProfileBadge;
class ProfileStore;
class WebSocketConnection;

/// The connection manager: create, edit, duplicate and delete saved profiles, set their API key
/// (kept in the KeyStore, never in settings) and test a profile against its API endpoint.
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(ProfileStore *store, KeyStore *keys, QWidget *parent = nullptr);
    ~ProfileDialog() override;

    /// Where the embedded emulator listens, for testing its profile (it has no stored URL).
    void setEmulatorBaseUrl(const QUrl &url) { m_emulatorBaseUrl = url; }
    /// Selects the profile called `name` for editing.
    void selectProfile(const QString &name);
    QString currentProfileName() const { return m_current; }

public slots:
    /// Writes the form to the store (and the key to the KeyStore when it was edited).
    bool saveCurrent();
    /// Opens a one-off connection to <base>/api/v1/developer/ws/api with the form's key.
    void testConnection();

signals:
    void profileSaved(const QString &name);
    /// ok: the handshake succeeded; message is what the dialog shows.
    void testFinished(bool ok, const QString &message);
    /// The key of profile `name` was written (ok) or not; `hasKey` is false when it was cleared.
    void keySaved(const QString &name, bool ok, bool hasKey);
    /// Duplicating copied the original's key to the copy `name` (its own keychain entry).
    void keyCopied(const QString &name);

private:
    void reloadList(const QString &select);
    void load(const QString &name);
    ConnectionProfile formProfile() const;
    void setFormEnabled(bool enabled);
    void createProfile();
    void duplicateProfile();
    void deleteProfile();
    void finishTest(bool ok, const QString &message);
    void showKeyStatus(const QString &text, bool warning);
    void markDirty();
    void updateTransportNote();

    ProfileStore *m_store;
    KeyStore *m_keys;
    QListWidget *m_list;
    QPushButton *m_newButton;
    QPushButton *m_duplicateButton;
    QPushButton *m_deleteButton;
    ProfileBadge *m_badge;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QCheckBox *m_allowInsecure;
    QLabel *m_transport;
    QLineEdit *m_key;
    QAction *m_showKey;
    QLabel *m_keyStatus;
    QSpinBox *m_backoffBase;
    QSpinBox *m_backoffCap;
    QSpinBox *m_maxAttempts;
    QSpinBox *m_pingInterval;
    QSpinBox *m_deadAfter;
    QSpinBox *m_handshakeTimeout;
    QCheckBox *m_compression;
    QLabel *m_error;
    QPushButton *m_saveButton;
    QPushButton *m_testButton;
    QLabel *m_testResult;

    QString m_current;
    bool m_dirty = false;
    bool m_keyDirty = false;
    bool m_loading = false;
    QUrl m_emulatorBaseUrl;
    QPointer<WebSocketConnection> m_test;
    QElapsedTimer m_testClock;
};

} // namespace allium
