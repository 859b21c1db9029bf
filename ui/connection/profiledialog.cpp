// SPDX-License-Identifier: MIT
#include "ui/connection/profiledialog.h"

#include "core/connection/websocketconnection.h"
#include "core/settings/keystore.h"
#include "core/settings/profilestore.h"
#include "ui/connection/profilebadge.h"
#include "ui/text/plaintext.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace allium {

namespace {

const QColor OkColor(0x2e, 0xa0, 0x43);
const QColor WarningColor(0xe0, 0x6c, 0x00);
const QColor ErrorColor(0xd9, 0x3a, 0x3a);

QSpinBox *makeSpin(QWidget *parent, const QString &objectName, int max, const QString &suffix,
                   const QString &zeroText = QString())
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(0, max);
    spin->setSuffix(suffix);
    spin->setSpecialValueText(zeroText);
    spin->setAccelerated(true);
    return spin;
}

void setLabel(QLabel *label, const QString &text, const QColor &color)
{
    // Errors and test results carry server and user text: shown literally, never as HTML.
    label->setTextFormat(Qt::PlainText);
    label->setText(PlainText::bounded(text));
    label->setStyleSheet(color.isValid() ? QStringLiteral("color: %1;").arg(color.name())
                                         : QString());
}

} // namespace

ProfileDialog::ProfileDialog(ProfileStore *store, KeyStore *keys, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_keys(keys)
    , m_list(new QListWidget(this))
    , m_newButton(new QPushButton(tr("&New"), this))
    , m_duplicateButton(new QPushButton(tr("D&uplicate"), this))
    , m_deleteButton(new QPushButton(tr("&Delete"), this))
    , m_badge(new ProfileBadge(this))
    , m_name(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_allowInsecure(
          new QCheckBox(tr("Allow unencrypted ws:// (the key is sent in clear text)"), this))
    , m_transport(new QLabel(this))
    , m_key(new QLineEdit(this))
    , m_keyStatus(new QLabel(this))
    , m_backoffBase(makeSpin(this, QStringLiteral("backoffBaseSpin"), 600000, tr(" ms")))
    , m_backoffCap(makeSpin(this, QStringLiteral("backoffCapSpin"), 3600000, tr(" ms")))
    , m_maxAttempts(
          makeSpin(this, QStringLiteral("maxAttemptsSpin"), 1000, QString(), tr("forever")))
    , m_pingInterval(
          makeSpin(this, QStringLiteral("pingIntervalSpin"), 600000, tr(" ms"), tr("off")))
    , m_deadAfter(makeSpin(this, QStringLiteral("deadAfterSpin"), 3600000, tr(" ms"), tr("off")))
    , m_handshakeTimeout(
          makeSpin(this, QStringLiteral("handshakeTimeoutSpin"), 600000, tr(" ms"), tr("none")))
    , m_compression(new QCheckBox(tr("Offer compression (permessage-deflate)"), this))
    , m_error(new QLabel(this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_testButton(new QPushButton(tr("&Test connection"), this))
    , m_testResult(new QLabel(this))
{
    setWindowTitle(tr("Connection profiles"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_newButton->setObjectName(QStringLiteral("newButton"));
    m_duplicateButton->setObjectName(QStringLiteral("duplicateButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(ConnectionProfile::defaultBaseUrl().toString());
    m_allowInsecure->setObjectName(QStringLiteral("allowInsecureCheck"));
    m_allowInsecure->setToolTip(tr("Only for servers on a network you trust: anyone on the way "
                                   "can read the API key and the data"));
    m_compression->setObjectName(QStringLiteral("compressionCheck"));
    m_compression->setToolTip(tr("Used when the server accepts it: far fewer bytes on the wire "
                                 "for a little CPU. Off sends every frame uncompressed."));
    m_transport->setObjectName(QStringLiteral("transportLabel"));
    m_transport->setTextFormat(Qt::PlainText); // it quotes the host the user typed
    m_transport->setWordWrap(true);
    m_transport->hide();
    // A retry sooner than this would hammer the server.
    m_backoffBase->setMinimum(ConnectionOptions::MinBackoffBaseMs);
    m_backoffCap->setMinimum(ConnectionOptions::MinBackoffBaseMs);
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("X-API-KEY"));
    m_showKey = m_key->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                 QLineEdit::TrailingPosition);
    m_showKey->setObjectName(QStringLiteral("showKeyAction"));
    m_showKey->setCheckable(true);
    m_showKey->setToolTip(tr("Show the key"));
    m_keyStatus->setObjectName(QStringLiteral("keyStatusLabel"));
    m_keyStatus->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_testButton->setObjectName(QStringLiteral("testButton"));
    // Wide enough for both of its texts, so the result label beside it cannot squeeze it.
    const QFontMetrics metrics = m_testButton->fontMetrics();
    m_testButton->setMinimumWidth(std::max(metrics.horizontalAdvance(tr("Test connection")),
                                           metrics.horizontalAdvance(tr("Cancel test"))) +
                                  4 * metrics.averageCharWidth());
    m_testButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Left: the list and what can be done to it.
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_duplicateButton);
    listButtons->addWidget(m_deleteButton);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    // Right: the selected profile.
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Base URL:"), m_baseUrl);
    form->addRow(QString(), m_allowInsecure);
    form->addRow(QString(), m_transport);
    form->addRow(tr("API key:"), m_key);
    form->addRow(QString(), m_keyStatus);
    auto *options = new QGroupBox(tr("Reconnect, heartbeat and compression"), this);
    auto *optionsForm = new QFormLayout(options);
    optionsForm->addRow(tr("First retry after:"), m_backoffBase);
    optionsForm->addRow(tr("Longest retry wait:"), m_backoffCap);
    optionsForm->addRow(tr("Give up after attempts:"), m_maxAttempts);
    optionsForm->addRow(tr("Ping every:"), m_pingInterval);
    optionsForm->addRow(tr("Dead after silence of:"), m_deadAfter);
    optionsForm->addRow(tr("Handshake timeout:"), m_handshakeTimeout);
    optionsForm->addRow(QString(), m_compression);
    auto *badgeRow = new QHBoxLayout;
    badgeRow->addWidget(m_badge);
    badgeRow->addStretch(1);
    badgeRow->addWidget(m_saveButton);
    auto *right = new QVBoxLayout;
    right->addLayout(badgeRow);
    right->addLayout(form);
    right->addWidget(options);
    right->addWidget(m_error);
    // The result goes below the button: a wrapped label beside it would be clipped.
    right->addWidget(m_testButton, 0, Qt::AlignLeft);
    right->addWidget(m_testResult);
    right->addStretch(1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto *closeBox = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(closeBox);

    connect(closeBox, &QDialogButtonBox::rejected, this, [this] {
        if (m_dirty && !saveCurrent())
            return;
        reject();
    });
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (m_loading || name == m_current)
            return;
        // Edits are kept when moving to another profile, as in most preference dialogs.
        if (m_dirty && !saveCurrent()) {
            const QSignalBlocker blocker(m_list);
            const auto items = m_list->findItems(m_current, Qt::MatchExactly);
            if (!items.isEmpty())
                m_list->setCurrentItem(items.first());
            return;
        }
        load(name);
    });
    connect(m_newButton, &QPushButton::clicked, this, &ProfileDialog::createProfile);
    connect(m_duplicateButton, &QPushButton::clicked, this, &ProfileDialog::duplicateProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfileDialog::deleteProfile);
    connect(m_saveButton, &QPushButton::clicked, this, &ProfileDialog::saveCurrent);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileDialog::testConnection);
    connect(m_showKey, &QAction::toggled, this, [this](bool shown) {
        m_key->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setToolTip(shown ? tr("Hide the key") : tr("Show the key"));
    });
    connect(m_key, &QLineEdit::textEdited, this, [this] {
        m_keyDirty = true;
        markDirty();
    });
    for (QLineEdit *edit : {m_name, m_baseUrl})
        connect(edit, &QLineEdit::textEdited, this, &ProfileDialog::markDirty);
    for (QSpinBox *spin : {m_backoffBase, m_backoffCap, m_maxAttempts, m_pingInterval, m_deadAfter,
                           m_handshakeTimeout}) {
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &ProfileDialog::markDirty);
    }
    connect(m_baseUrl, &QLineEdit::textChanged, this, [this] {
        if (!m_loading)
            m_badge->setProfile(formProfile());
        updateTransportNote();
    });
    connect(m_compression, &QCheckBox::toggled, this, &ProfileDialog::markDirty);
    connect(m_allowInsecure, &QCheckBox::toggled, this, [this] {
        markDirty();
        updateTransportNote();
    });

    reloadList(m_store->defaultProfileName());
    resize(760, 520);
}

ProfileDialog::~ProfileDialog() = default;

void ProfileDialog::selectProfile(const QString &name)
{
    const auto items = m_list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.first());
}

void ProfileDialog::reloadList(const QString &select)
{
    m_loading = true;
    m_list->clear();
    m_list->addItems(m_store->names());
    m_loading = false;
    m_current.clear();
    const QStringList names = m_store->names();
    const QString target = names.contains(select) ? select : names.value(0);
    if (target.isEmpty()) {
        load(QString());
        return;
    }
    selectProfile(target);
    if (m_current != target)
        load(target);
}

void ProfileDialog::setFormEnabled(bool enabled)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{
             m_name, m_baseUrl, m_allowInsecure, m_key, m_backoffBase, m_backoffCap, m_maxAttempts,
             m_pingInterval, m_deadAfter, m_handshakeTimeout, m_compression, m_saveButton,
             m_testButton, m_duplicateButton, m_deleteButton}) {
        widget->setEnabled(enabled);
    }
}

void ProfileDialog::load(const QString &name)
{
    m_loading = true;
    m_current = name;
    const ConnectionProfile profile = m_store->profile(name);
    const bool exists = m_store->contains(name);
    setFormEnabled(exists);
    m_name->setText(profile.name());
    m_baseUrl->setText(profile.isEmbeddedEmulator() ? QString() : profile.baseUrl().toString());
    m_baseUrl->setReadOnly(profile.isEmbeddedEmulator());
    m_allowInsecure->setChecked(profile.allowsInsecureTransport());
    m_allowInsecure->setEnabled(exists && !profile.isEmbeddedEmulator());
    m_baseUrl->setPlaceholderText(profile.isEmbeddedEmulator()
                                      ? tr("(the emulator built into this application)")
                                      : ConnectionProfile::defaultBaseUrl().toString());
    const ConnectionOptions options = profile.options();
    m_backoffBase->setValue(options.backoffBaseMs);
    m_backoffCap->setValue(options.backoffCapMs);
    m_maxAttempts->setValue(options.maxAttempts);
    m_pingInterval->setValue(options.pingIntervalMs);
    m_deadAfter->setValue(options.deadAfterMs);
    m_handshakeTimeout->setValue(options.handshakeTimeoutMs);
    m_compression->setChecked(options.compression);
    m_key->clear();
    m_showKey->setChecked(false);
    m_badge->setProfile(profile);
    m_badge->setVisible(exists);
    setLabel(m_error, QString(), QColor());
    setLabel(m_testResult, QString(), QColor());
    m_dirty = false;
    m_keyDirty = false;
    m_loading = false;
    updateTransportNote();
    if (!exists) {
        showKeyStatus(QString(), false);
        return;
    }
    showKeyStatus(tr("Reading the key…"), false);
    const QString reference = profile.keyReference();
    m_keys->readKey(reference, this, [this, name](const KeyStoreResult &result) {
        // The user may have moved on, or typed a new key, while the keychain answered.
        if (name != m_current || m_keyDirty)
            return;
        if (!result.ok) {
            showKeyStatus(tr("No key saved"), false);
            return;
        }
        m_key->setText(result.key);
        if (result.persistent)
            showKeyStatus(tr("Key stored in the system keychain"), false);
        else
            showKeyStatus(tr("Key kept for this session only: no system keychain available"), true);
    });
}

void ProfileDialog::showKeyStatus(const QString &text, bool warning)
{
    setLabel(m_keyStatus, text, warning ? WarningColor : QColor());
}

void ProfileDialog::updateTransportNote()
{
    if (m_loading)
        return;
    const ConnectionProfile profile = formProfile();
    const QUrl url = profile.baseUrl();
    if (profile.isEmbeddedEmulator() || !ConnectionProfile::baseUrlError(url).isEmpty() ||
        !ConnectionProfile::isCleartextToRemote(url)) {
        m_transport->hide();
        return;
    }
    // Refused until the user ticks the box; a warning that stays while it is ticked.
    if (m_allowInsecure->isChecked())
        setLabel(m_transport,
                 tr("Warning: the connection to %1 is not encrypted; the API key and all data "
                    "travel in clear text.")
                     .arg(url.host()),
                 WarningColor);
    else
        setLabel(m_transport,
                 tr("ws:// to %1 is not encrypted: the API key would travel in clear text. Use "
                    "wss://, or tick “Allow unencrypted ws://”.")
                     .arg(url.host()),
                 ErrorColor);
    m_transport->show();
}

void ProfileDialog::markDirty()
{
    if (!m_loading)
        m_dirty = true;
}

ConnectionProfile ProfileDialog::formProfile() const
{
    ConnectionProfile profile = m_store->profile(m_current);
    profile.setName(m_name->text().trimmed());
    if (!profile.isEmbeddedEmulator()) {
        profile.setBaseUrl(QUrl(m_baseUrl->text().trimmed(), QUrl::StrictMode));
        profile.setAllowInsecureTransport(m_allowInsecure->isChecked());
    }
    ConnectionOptions options = profile.options();
    options.backoffBaseMs = m_backoffBase->value();
    options.backoffCapMs = m_backoffCap->value();
    options.maxAttempts = m_maxAttempts->value();
    options.pingIntervalMs = m_pingInterval->value();
    options.deadAfterMs = m_deadAfter->value();
    options.handshakeTimeoutMs = m_handshakeTimeout->value();
    options.compression = m_compression->isChecked();
    profile.setOptions(options.withinLimits());
    return profile;
}

bool ProfileDialog::saveCurrent()
{
    if (m_current.isEmpty())
        return true;
    const ConnectionProfile profile = formProfile();
    // The form's profile carries its id: update() renames as well, and the key stays with it.
    QString error = profile.validationError();
    if (error.isEmpty())
        m_store->update(profile, &error);
    if (!error.isEmpty()) {
        setLabel(m_error, tr("Not saved: %1").arg(error), ErrorColor);
        return false;
    }
    setLabel(m_error, QString(), QColor());
    m_current = profile.name();
    if (m_keyDirty) {
        const QString key = m_key->text();
        m_keyDirty = false;
        showKeyStatus(tr("Saving the key…"), false);
        m_keys->writeKey(
            profile.keyReference(), key, this,
            [this, name = profile.name(), hasKey = !key.isEmpty()](const KeyStoreResult &result) {
                if (!result.ok)
                    showKeyStatus(tr("The key was not saved: %1").arg(result.errorString), true);
                else if (result.persistent)
                    showKeyStatus(tr("Key stored in the system keychain"), false);
                else
                    showKeyStatus(
                        tr("Key kept for this session only: no system keychain available"), true);
                emit keySaved(name, result.ok, hasKey);
            });
    }
    m_dirty = false;
    // The list shows names; a rename must show at once, without reloading the form.
    if (QListWidgetItem *item = m_list->currentItem(); item && item->text() != m_current) {
        const QSignalBlocker blocker(m_list);
        item->setText(m_current);
    }
    m_badge->setProfile(profile);
    emit profileSaved(m_current);
    return true;
}

void ProfileDialog::createProfile()
{
    if (m_dirty && !saveCurrent())
        return;
    QString name = tr("New profile");
    for (int n = 2; m_store->contains(name); ++n)
        name = tr("New profile %1").arg(n);
    QString error;
    if (!m_store->create(ConnectionProfile(name), &error)) {
        setLabel(m_error, error, ErrorColor);
        return;
    }
    reloadList(name);
    m_name->setFocus();
    m_name->selectAll();
}

void ProfileDialog::duplicateProfile()
{
    if (m_current.isEmpty() || (m_dirty && !saveCurrent()))
        return;
    QString error;
    const QString original = m_store->profile(m_current).keyReference();
    const QString copy = m_store->duplicate(m_current, QString(), &error);
    if (copy.isEmpty()) {
        setLabel(m_error, error, ErrorColor);
        return;
    }
    // The copy has an entry of its own: deleting or re-keying one never touches the other.
    const QString copyReference = m_store->profile(copy).keyReference();
    m_keys->readKey(original, this, [this, copy, copyReference](const KeyStoreResult &read) {
        if (!read.ok || read.key.isEmpty())
            return;
        m_keys->writeKey(copyReference, read.key, this,
                         [this, copy](const KeyStoreResult &written) {
                             if (written.ok)
                                 emit keyCopied(copy);
                         });
    });
    reloadList(copy);
}

void ProfileDialog::deleteProfile()
{
    if (m_current.isEmpty())
        return;
    const QString name = m_current;
    const auto answer =
        PlainText::question(this, tr("Delete profile"), tr("Delete the profile \"%1\"?").arg(name),
                            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    const ConnectionProfile profile = m_store->profile(name);
    m_store->remove(name);
    // The key goes with its profile, so a later profile can never be sent it. An entry of an
    // older version not migrated yet may be shared by duplicates: it goes with the last one.
    m_keys->deleteKey(ConnectionProfile::keyReferenceForId(profile.id()), this, {});
    const QString legacy = profile.legacyKeyReference();
    bool shared = false;
    for (const ConnectionProfile &other : m_store->profiles())
        shared = shared || other.legacyKeyReference() == legacy;
    if (!legacy.isEmpty() && !shared)
        m_keys->deleteKey(legacy, this, {});
    m_dirty = false;
    reloadList(QString());
}

void ProfileDialog::testConnection()
{
    if (m_test) {
        finishTest(false, tr("Cancelled"));
        return;
    }
    const ConnectionProfile profile = formProfile();
    const QUrl base = profile.isEmbeddedEmulator() ? m_emulatorBaseUrl : profile.baseUrl();
    QString urlError = ConnectionProfile::baseUrlError(base);
    // The test sends the key too: the same rule as a connection.
    if (urlError.isEmpty() && !profile.isEmbeddedEmulator())
        urlError = profile.transportError();
    if (!urlError.isEmpty()) {
        finishTest(false, tr("Cannot test: %1").arg(urlError));
        return;
    }
    // One attempt and one quick retry at most: a test reports, it does not keep trying.
    ConnectionOptions options = profile.options();
    options.backoffBaseMs = ConnectionOptions::MinBackoffBaseMs;
    options.backoffCapMs = ConnectionOptions::MinBackoffBaseMs;
    options.backoffJitter = 0;
    options.maxAttempts = 1;
    options.pingIntervalMs = 0;
    if (options.handshakeTimeoutMs <= 0)
        options.handshakeTimeoutMs = 15000;

    auto *connection = new WebSocketConnection(this);
    m_test = connection;
    connection->setUrl(ConnectionProfile::apiUrl(base));
    connection->setApiKey(m_key->text());
    connection->setOptions(options);
    connect(connection, &WebSocketConnection::opened, this,
            [this] { finishTest(true, tr("Connected in %1 ms").arg(m_testClock.elapsed())); });
    connect(connection, &WebSocketConnection::failed, this, [this](const QString &reason) {
        const bool refused = reason.contains(QLatin1String("API key"));
        finishTest(false, refused ? tr("Refused: %1").arg(reason) : tr("Error: %1").arg(reason));
    });
    m_testButton->setText(tr("Cancel &test"));
    setLabel(m_testResult, tr("Connecting to %1…").arg(base.toDisplayString()), QColor());
    m_testClock.start();
    connection->open();
}

void ProfileDialog::finishTest(bool ok, const QString &message)
{
    if (WebSocketConnection *connection = m_test) {
        m_test.clear();
        disconnect(connection, nullptr, this, nullptr);
        connection->close();
        connection->deleteLater();
    }
    m_testButton->setText(tr("&Test connection"));
    setLabel(m_testResult, message, ok ? OkColor : ErrorColor);
    emit testFinished(ok, message);
}

} // namespace allium
