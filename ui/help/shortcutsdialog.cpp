// SPDX-License-Identifier: MIT
#include "ui/help/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace allium {

namespace {

QString keysText(const QList<QKeySequence> &sequences)
{
    QStringList parts;
    for (const QKeySequence &sequence : sequences) {
        if (!sequence.isEmpty())
            parts << sequence.toString(QKeySequence::NativeText);
    }
    return parts.join(QStringLiteral(", "));
}

// Where a shortcut works: a window-wide one everywhere, a widget one where that widget (or,
// for WidgetWithChildrenShortcut, a child of it) has focus; named by the widget's accessible
// name, which every focusable panel has.
QString scopeText(Qt::ShortcutContext context, const QObject *owner)
{
    if (context == Qt::WindowShortcut || context == Qt::ApplicationShortcut)
        return ShortcutsDialog::tr("everywhere");
    for (const QObject *object = owner; object; object = object->parent()) {
        if (const auto *widget = qobject_cast<const QWidget *>(object)) {
            if (!widget->accessibleName().isEmpty())
                return ShortcutsDialog::tr("in %1").arg(widget->accessibleName());
        }
    }
    return ShortcutsDialog::tr("where it applies");
}

// The widget whose focus a widget-scoped action needs: the one it was added to, not a menu or
// toolbar that shows it too.
const QObject *scopeOwner(const QAction *action)
{
    for (const QObject *object : action->associatedObjects()) {
        if (object->isWidgetType() && !qobject_cast<const QMenu *>(object) &&
            !qobject_cast<const QToolBar *>(object) && !qobject_cast<const QToolButton *>(object))
            return object;
    }
    return action->parent();
}

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QWidget *window)
{
    QList<Entry> entries;
    QStringList seen; // one action may be in a menu and a toolbar: list it once
    for (const QAction *action : window->findChildren<QAction *>()) {
        const QString keys = keysText(action->shortcuts());
        if (keys.isEmpty() || action->text().isEmpty())
            continue;
        const Entry entry{withoutMnemonic(action->text()), keys,
                          scopeText(action->shortcutContext(), scopeOwner(action))};
        const QString key = entry.command + QLatin1Char('\n') + entry.keys;
        if (seen.contains(key))
            continue;
        seen << key;
        entries << entry;
    }
    for (const QShortcut *shortcut : window->findChildren<QShortcut *>()) {
        const QString keys = keysText(shortcut->keys());
        if (keys.isEmpty() || shortcut->whatsThis().isEmpty())
            continue; // an unnamed QShortcut is an alias of a listed action
        const Entry entry{shortcut->whatsThis(), keys,
                          scopeText(shortcut->context(), shortcut->parent())};
        // Alternatives made as separate QShortcuts (Return and Enter) share one row.
        const auto same = std::find_if(entries.begin(), entries.end(), [&entry](const Entry &e) {
            return e.command == entry.command && e.where == entry.where;
        });
        if (same != entries.end())
            same->keys += QStringLiteral(", ") + entry.keys;
        else
            entries << entry;
    }
    // Window-wide shortcuts first, then by the part of the window, then by command.
    const QString everywhere = tr("everywhere");
    std::sort(entries.begin(), entries.end(), [&everywhere](const Entry &a, const Entry &b) {
        const bool aEverywhere = a.where == everywhere;
        const bool bEverywhere = b.where == everywhere;
        if (aEverywhere != bEverywhere)
            return aEverywhere;
        if (a.where != b.where)
            return a.where.localeAwareCompare(b.where) < 0;
        return a.command.localeAwareCompare(b.command) < 0;
    });
    return entries;
}

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    const QList<Entry> entries = collect(window);
    m_table = new QTableWidget(int(entries.size()), 3, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys"), tr("Where")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < entries.size(); ++row) {
        const Entry &entry = entries.at(row);
        // QTableWidgetItem text is plain: no markup is interpreted.
        m_table->setItem(row, 0, new QTableWidgetItem(entry.command));
        m_table->setItem(row, 1, new QTableWidgetItem(entry.keys));
        m_table->setItem(row, 2, new QTableWidgetItem(entry.where));
    }
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 480);
}

} // namespace allium
