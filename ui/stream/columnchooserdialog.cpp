// SPDX-License-Identifier: MIT
#include "ui/stream/columnchooserdialog.h"
#include "ui/text/plaintooltipfilter.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace allium {

namespace {

QPushButton *makeButton(const QString &text, const char *objectName, const QString &accessible,
                        QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(objectName));
    button->setAccessibleName(accessible);
    button->setAutoDefault(false);
    return button;
}

} // namespace

ColumnChooserDialog::ColumnChooserDialog(QWidget *parent)
    : QDialog(parent)
    , m_completions(new QStringListModel(this))
{
    setObjectName(QStringLiteral("columnChooserDialog"));
    setWindowTitle(tr("Table columns"));
    setAccessibleName(tr("Table columns"));

    m_columnList = new QListWidget(this);
    m_columnList->setObjectName(QStringLiteral("columnList"));
    m_columnList->setAccessibleName(tr("Shown columns"));
    m_columnList->setDragDropMode(QAbstractItemView::InternalMove);
    m_columnList->setSelectionMode(QAbstractItemView::SingleSelection);

    m_fieldEdit = new QLineEdit(this);
    m_fieldEdit->setObjectName(QStringLiteral("fieldEdit"));
    m_fieldEdit->setAccessibleName(tr("Field path to add"));
    m_fieldEdit->setPlaceholderText(tr("Field path, e.g. payload.coin"));
    m_fieldEdit->setClearButtonEnabled(true);
    auto *completer = new QCompleter(m_completions, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_fieldEdit->setCompleter(completer);

    m_availableList = new QListWidget(this);
    m_availableList->setObjectName(QStringLiteral("availableList"));
    PlainToolTipFilter::install(m_columnList);
    PlainToolTipFilter::install(m_availableList);
    m_availableList->setAccessibleName(tr("Fields that can be added"));
    m_availableList->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_addButton = makeButton(tr("Add"), "addColumnButton", tr("Add the field as a column"), this);
    m_removeButton =
        makeButton(tr("Remove"), "removeColumnButton", tr("Remove the selected column"), this);
    m_upButton = makeButton(tr("Move up"), "moveUpButton", tr("Move the column left"), this);
    m_downButton = makeButton(tr("Move down"), "moveDownButton", tr("Move the column right"), this);
    m_defaultsButton = makeButton(tr("Restore defaults"), "restoreDefaultsButton",
                                  tr("Restore the topic's default columns"), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("dialogButtons"));

    auto *shownLabel = new QLabel(tr("&Shown columns (left to right):"), this);
    shownLabel->setBuddy(m_columnList);
    auto *addLabel = new QLabel(tr("&Add a field:"), this);
    addLabel->setBuddy(m_fieldEdit);

    auto *columnButtons = new QVBoxLayout;
    columnButtons->addWidget(m_upButton);
    columnButtons->addWidget(m_downButton);
    columnButtons->addWidget(m_removeButton);
    columnButtons->addStretch(1);
    columnButtons->addWidget(m_defaultsButton);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_fieldEdit, 1);
    addRow->addWidget(m_addButton);

    auto *grid = new QGridLayout;
    grid->addWidget(shownLabel, 0, 0);
    grid->addWidget(addLabel, 0, 2);
    grid->addWidget(m_columnList, 1, 0);
    grid->addLayout(columnButtons, 1, 1);
    auto *addPane = new QVBoxLayout;
    addPane->addLayout(addRow);
    addPane->addWidget(m_availableList, 1);
    grid->addLayout(addPane, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(2, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addButton, &QPushButton::clicked, this, &ColumnChooserDialog::addChosen);
    connect(m_fieldEdit, &QLineEdit::returnPressed, this, [this] {
        if (addColumn(m_fieldEdit->text()))
            m_fieldEdit->clear();
    });
    connect(m_fieldEdit, &QLineEdit::textChanged, this, &ColumnChooserDialog::refreshAvailable);
    connect(m_availableList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { addColumn(item->text()); });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        delete m_columnList->takeItem(m_columnList->currentRow());
        refreshAvailable();
    });
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_defaultsButton, &QPushButton::clicked, this, [this] { setColumns(m_defaults); });
    connect(m_columnList, &QListWidget::currentRowChanged, this,
            &ColumnChooserDialog::updateButtons);
    connect(m_availableList, &QListWidget::itemSelectionChanged, this,
            &ColumnChooserDialog::updateButtons);
    connect(m_columnList->model(), &QAbstractItemModel::rowsMoved, this,
            &ColumnChooserDialog::updateButtons);

    resize(640, 420);
    updateButtons();
}

void ColumnChooserDialog::setColumns(const QStringList &paths)
{
    m_columnList->clear();
    for (const QString &path : paths)
        addColumn(path);
    m_columnList->setCurrentRow(m_columnList->count() > 0 ? 0 : -1);
    refreshAvailable();
}

QStringList ColumnChooserDialog::columns() const
{
    QStringList out;
    for (int row = 0; row < m_columnList->count(); ++row)
        out.append(m_columnList->item(row)->text());
    return out;
}

void ColumnChooserDialog::setDefaultColumns(const QStringList &paths)
{
    m_defaults = paths;
    updateButtons();
}

void ColumnChooserDialog::setAvailableFields(const QStringList &documented,
                                             const QStringList &seenLive)
{
    m_documented = documented;
    m_seenLive = seenLive;
    QStringList all = documented;
    for (const QString &path : seenLive) {
        if (!all.contains(path))
            all.append(path);
    }
    m_completions->setStringList(all);
    refreshAvailable();
}

bool ColumnChooserDialog::addColumn(const QString &path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty() || columns().contains(trimmed))
        return false;
    m_columnList->addItem(trimmed);
    m_columnList->setCurrentRow(m_columnList->count() - 1);
    refreshAvailable();
    return true;
}

// The fields picked in the list, else the path typed: the list is rebuilt on every keystroke,
// so a selection there is always newer than the text.
void ColumnChooserDialog::addChosen()
{
    QStringList picked;
    for (int row = 0; row < m_availableList->count(); ++row) {
        if (m_availableList->item(row)->isSelected())
            picked.append(m_availableList->item(row)->text());
    }
    if (picked.isEmpty()) {
        if (addColumn(m_fieldEdit->text()))
            m_fieldEdit->clear();
        return;
    }
    for (const QString &path : qAsConst(picked))
        addColumn(path);
}

void ColumnChooserDialog::refreshAvailable()
{
    const QStringList shown = columns();
    const QString needle = m_fieldEdit->text().trimmed();
    m_availableList->clear();
    auto offer = [&](const QString &path, const QString &origin) {
        if (shown.contains(path) ||
            (!needle.isEmpty() && !path.contains(needle, Qt::CaseInsensitive)))
            return;
        if (!m_availableList->findItems(path, Qt::MatchExactly).isEmpty())
            return;
        auto *item = new QListWidgetItem(path, m_availableList);
        item->setToolTip(origin);
    };
    for (const QString &path : qAsConst(m_documented)) {
        offer(path, m_seenLive.contains(path) ? tr("Documented, seen live")
                                              : tr("Documented for this topic"));
    }
    for (const QString &path : qAsConst(m_seenLive))
        offer(path, tr("Seen in live messages"));
    updateButtons();
}

void ColumnChooserDialog::moveCurrent(int delta)
{
    const int row = m_columnList->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_columnList->count())
        return;
    QListWidgetItem *item = m_columnList->takeItem(row);
    m_columnList->insertItem(target, item);
    m_columnList->setCurrentRow(target);
}

void ColumnChooserDialog::updateButtons()
{
    const int row = m_columnList->currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row < m_columnList->count() - 1);
    m_defaultsButton->setEnabled(!m_defaults.isEmpty());
    m_addButton->setEnabled(!m_fieldEdit->text().trimmed().isEmpty() ||
                            !m_availableList->selectedItems().isEmpty());
}

} // namespace allium
