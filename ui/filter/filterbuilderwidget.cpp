// SPDX-License-Identifier: MIT
#include "ui/filter/filterbuilderwidget.h"

#include "ui/filter/filterconditionrow.h"
#include "ui/filter/filtergrouprow.h"
#include "ui/text/plaintooltipfilter.h"
#include "ui/theme/theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace allium {

namespace {

enum ItemKind { ConditionItem, GroupItem };
constexpr int KindRole = Qt::UserRole + 1;

Filter emptyCondition()
{
    return Filter::condition(QString(), Filter::Operator::Equal, QJsonValue(QString()));
}

// The node at `path` below `root`; the path must exist.
Filter *nodeAt(Filter *root, const QList<int> &path)
{
    Filter *node = root;
    for (int index : path)
        node = &node->children()[index];
    return node;
}

} // namespace

FilterBuilderWidget::FilterBuilderWidget(QWidget *parent)
    : QWidget(parent)
    , m_fields(new QStandardItemModel(this))
    , m_rootCombinator(new QComboBox(this))
    , m_tree(new QTreeWidget(this))
{
    auto makeButton = [this](const QString &objectName, const QString &text, const QString &toolTip,
                             const QKeySequence &shortcut, void (FilterBuilderWidget::*handler)()) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        // Only while the focus is inside the builder, so the main window keeps its keys.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        const QString keys = shortcut.toString(QKeySequence::NativeText);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, keys));
        addAction(action);
        connect(action, &QAction::triggered, this, handler);
        auto *button = new QToolButton(this);
        button->setObjectName(objectName);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAccessibleName(toolTip);
        return button;
    };
    m_addCondition =
        makeButton(QStringLiteral("addConditionButton"), tr("+ Condition"), tr("Add a condition"),
                   QKeySequence(Qt::CTRL | Qt::Key_N), &FilterBuilderWidget::addCondition);
    m_addGroup =
        makeButton(QStringLiteral("addGroupButton"), tr("+ Group"), tr("Add an AND/OR group"),
                   QKeySequence(Qt::CTRL | Qt::Key_G), &FilterBuilderWidget::addGroup);
    m_remove = makeButton(
        QStringLiteral("removeButton"), tr("Remove"), tr("Remove the current condition or group"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &FilterBuilderWidget::removeCurrent);
    m_moveUp = makeButton(QStringLiteral("moveUpButton"), tr("Up"), tr("Move up"),
                          QKeySequence(Qt::CTRL | Qt::Key_Up), &FilterBuilderWidget::moveCurrentUp);
    m_moveDown =
        makeButton(QStringLiteral("moveDownButton"), tr("Down"), tr("Move down"),
                   QKeySequence(Qt::CTRL | Qt::Key_Down), &FilterBuilderWidget::moveCurrentDown);
    m_indent = makeButton(QStringLiteral("indentButton"), tr("Nest"),
                          tr("Nest into the group above, or into a new group"),
                          QKeySequence(Qt::CTRL | Qt::Key_BracketRight),
                          &FilterBuilderWidget::indentCurrent);
    m_outdent = makeButton(
        QStringLiteral("outdentButton"), tr("Unnest"), tr("Move out of the enclosing group"),
        QKeySequence(Qt::CTRL | Qt::Key_BracketLeft), &FilterBuilderWidget::outdentCurrent);

    m_rootCombinator->setObjectName(QStringLiteral("rootCombinatorBox"));
    m_rootCombinator->addItem(tr("all (AND)"), int(Filter::Combinator::And));
    m_rootCombinator->addItem(tr("any (OR)"), int(Filter::Combinator::Or));
    m_rootCombinator->setAccessibleName(tr("Top level: match all or any"));
    m_rootCombinator->setToolTip(tr("Whether messages must match all of the top-level "
                                    "conditions or any of them"));
    auto *matchLabel = new QLabel(tr("Match"), this);
    auto *ofLabel = new QLabel(tr("of:"), this);

    m_tree->setObjectName(QStringLiteral("filterTree"));
    PlainToolTipFilter::install(m_tree);
    m_tree->setAccessibleName(tr("Filter conditions"));
    m_tree->setColumnCount(1);
    m_tree->header()->hide();
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setIndentation(18);
    // The rows' own editors take the keyboard; the tree is no extra tab stop.
    m_tree->setFocusPolicy(Qt::NoFocus);
    m_tree->setMinimumWidth(240);

    // An empty builder says how to start rather than showing a blank box.
    m_emptyHint = new QLabel(
        tr("No conditions: every message passes.\nClick + Condition, or type JSON on the right."),
        m_tree->viewport());
    m_emptyHint->setObjectName(QStringLiteral("emptyBuilderHint"));
    m_emptyHint->setTextFormat(Qt::PlainText);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto *hintLayout = new QVBoxLayout(m_tree->viewport());
    hintLayout->addWidget(m_emptyHint);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton *button :
         {m_addCondition, m_addGroup, m_remove, m_moveUp, m_moveDown, m_indent, m_outdent})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(matchLabel);
    rootRow->addWidget(m_rootCombinator);
    rootRow->addWidget(ofLabel);
    rootRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addLayout(rootRow);
    layout->addWidget(m_tree, 1);

    connect(m_rootCombinator, &QComboBox::currentIndexChanged, this, [this] {
        if (m_tree->topLevelItemCount() > 0)
            m_rootIsGroup = true;
        emitChanged();
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &FilterBuilderWidget::updateButtons);
    m_focusConnection = connect(qApp, &QApplication::focusChanged, this,
                                [this](QWidget *, QWidget *now) { handleFocusChanged(now); });

    updateFieldModel();
    rebuild(Filter::group(Filter::Combinator::And), {});
}

// Hiding and deleting the children in ~QWidget moves the focus, and the connection to qApp only
// ends in ~QObject: without this, handleFocusChanged() ran on a half-destroyed widget (UBSan).
FilterBuilderWidget::~FilterBuilderWidget()
{
    disconnect(m_focusConnection);
}

void FilterBuilderWidget::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    updateFieldModel();
}

void FilterBuilderWidget::setLiveFields(const QList<TopicField> &fields)
{
    m_liveFields = fields;
    updateFieldModel();
}

FieldType FilterBuilderWidget::fieldType(const QString &path) const
{
    for (const TopicField &field : m_liveFields) {
        if (field.path == path && field.type != FieldType::Unknown)
            return field.type;
    }
    return TopicCatalogue::fieldType(m_topic, path);
}

void FilterBuilderWidget::setFilter(const Filter &filter)
{
    Filter root = Filter::group(Filter::Combinator::And);
    m_rootIsGroup = filter.kind() == Filter::Kind::Group;
    if (filter.kind() == Filter::Kind::Group)
        root = Filter::group(filter.combinator(), filter.children());
    else if (filter.kind() == Filter::Kind::Condition)
        root.children().append(filter);
    rebuild(root, {});
}

Filter FilterBuilderWidget::filter() const
{
    const Filter root = rootGroup();
    if (root.children().isEmpty())
        return Filter();
    if (root.children().size() == 1 && !m_rootIsGroup)
        return root.children().constFirst();
    return root;
}

Filter FilterBuilderWidget::rootGroup() const
{
    Filter root = Filter::group(Filter::Combinator(m_rootCombinator->currentData().toInt()));
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        root.children().append(nodeFilter(m_tree->topLevelItem(i)));
    return root;
}

Filter FilterBuilderWidget::nodeFilter(QTreeWidgetItem *item) const
{
    QWidget *widget = m_tree->itemWidget(item, 0);
    if (auto *group = qobject_cast<FilterGroupRow *>(widget)) {
        Filter node = Filter::group(group->combinator());
        for (int i = 0; i < item->childCount(); ++i)
            node.children().append(nodeFilter(item->child(i)));
        return node;
    }
    if (auto *condition = qobject_cast<FilterConditionRow *>(widget))
        return condition->condition();
    return Filter();
}

void FilterBuilderWidget::addCondition()
{
    insertNode(emptyCondition(), {});
}

void FilterBuilderWidget::addGroup()
{
    // A group starts with one condition, so it is valid as soon as that has a field.
    insertNode(Filter::group(Filter::Combinator::And, {emptyCondition()}), {0});
}

void FilterBuilderWidget::insertNode(const Filter &node, const Path &focusInside)
{
    Filter root = rootGroup();
    const Path current = currentPath();
    Path parentPath;
    int index = int(root.children().size());
    if (!current.isEmpty()) {
        if (nodeAt(&root, current)->kind() == Filter::Kind::Group) {
            parentPath = current;
            index = int(nodeAt(&root, current)->children().size());
        } else {
            parentPath = current.mid(0, current.size() - 1);
            index = current.last() + 1;
        }
    }
    nodeAt(&root, parentPath)->children().insert(index, node);
    if (root.children().size() > 1)
        m_rootIsGroup = true;
    rebuild(root, parentPath + Path{index} + focusInside);
    emitChanged();
}

void FilterBuilderWidget::editCurrent(int minimumDepth, const StructureEdit &edit)
{
    const Path current = currentPath();
    if (current.isEmpty() || current.size() < minimumDepth)
        return;
    Filter root = rootGroup();
    QList<Filter> &siblings = nodeAt(&root, current.mid(0, current.size() - 1))->children();
    const std::optional<Path> next = edit(&root, current, siblings);
    if (!next)
        return;
    rebuild(root, *next);
    emitChanged();
}

void FilterBuilderWidget::removeCurrent()
{
    editCurrent(1, [](Filter *, const Path &current, QList<Filter> &siblings) {
        siblings.removeAt(current.last());
        Path next = current.mid(0, current.size() - 1);
        if (!siblings.isEmpty())
            next.append(qMin(current.last(), int(siblings.size()) - 1));
        return std::optional<Path>(next);
    });
}

void FilterBuilderWidget::moveCurrentUp()
{
    moveCurrent(-1);
}

void FilterBuilderWidget::moveCurrentDown()
{
    moveCurrent(1);
}

void FilterBuilderWidget::moveCurrent(int delta)
{
    editCurrent(1, [delta](Filter *, const Path &current, QList<Filter> &siblings) {
        const int target = current.last() + delta;
        if (target < 0 || target >= siblings.size())
            return std::optional<Path>();
        siblings.move(current.last(), target);
        return std::optional<Path>(current.mid(0, current.size() - 1) + Path{target});
    });
}

void FilterBuilderWidget::indentCurrent()
{
    editCurrent(1, [](Filter *, const Path &current, QList<Filter> &siblings) {
        const Path parentPath = current.mid(0, current.size() - 1);
        const int index = current.last();
        if (index > 0 && siblings.at(index - 1).kind() == Filter::Kind::Group) {
            const Filter node = siblings.takeAt(index);
            QList<Filter> &groupChildren = siblings[index - 1].children();
            groupChildren.append(node);
            return std::optional<Path>(parentPath + Path{index - 1, int(groupChildren.size()) - 1});
        }
        siblings[index] = Filter::group(Filter::Combinator::And, {siblings.at(index)});
        return std::optional<Path>(current + Path{0});
    });
}

void FilterBuilderWidget::outdentCurrent()
{
    editCurrent(2, [](Filter *root, const Path &current, QList<Filter> &siblings) {
        const Path groupPath = current.mid(0, current.size() - 1);
        const Path outerPath = groupPath.mid(0, groupPath.size() - 1);
        const Filter node = siblings.takeAt(current.last());
        const bool groupNowEmpty = siblings.isEmpty();
        // `siblings` lives inside `outer`: not touched once `outer` changes.
        QList<Filter> &outer = nodeAt(root, outerPath)->children();
        int index = groupPath.last() + 1;
        outer.insert(index, node);
        // A group left without conditions would be invalid; it goes.
        if (groupNowEmpty) {
            outer.removeAt(groupPath.last());
            --index;
        }
        return std::optional<Path>(outerPath + Path{index});
    });
}

void FilterBuilderWidget::rebuild(const Filter &root, const Path &current)
{
    m_rootCombinator->blockSignals(true);
    m_rootCombinator->setCurrentIndex(m_rootCombinator->findData(int(root.combinator())));
    m_rootCombinator->blockSignals(false);
    m_tree->clear();
    for (int i = 0; i < root.children().size(); ++i)
        createItem(root.children().at(i), nullptr, QString::number(i + 1));
    m_tree->expandAll();
    QTreeWidgetItem *item = itemAt(current);
    m_tree->setCurrentItem(item);
    if (item && isVisible())
        focusItem(item);
    updateButtons();
}

QTreeWidgetItem *FilterBuilderWidget::createItem(const Filter &node, QTreeWidgetItem *parent,
                                                 const QString &label)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    QWidget *row = nullptr;
    if (node.kind() == Filter::Kind::Group) {
        item->setData(0, KindRole, GroupItem);
        auto *groupRow = new FilterGroupRow;
        groupRow->setCombinator(node.combinator());
        groupRow->setChildCount(int(node.children().size()));
        groupRow->setPositionLabel(label);
        connect(groupRow, &FilterGroupRow::edited, this, &FilterBuilderWidget::emitChanged);
        row = groupRow;
    } else {
        item->setData(0, KindRole, ConditionItem);
        auto *conditionRow = new FilterConditionRow(m_fields);
        conditionRow->setCondition(node);
        conditionRow->setPositionLabel(label);
        connect(conditionRow, &FilterConditionRow::edited, this, &FilterBuilderWidget::emitChanged);
        row = conditionRow;
    }
    // The row is created before its children so the tab order follows the tree.
    m_tree->setItemWidget(item, 0, row);
    item->setSizeHint(0, row->sizeHint());
    for (int i = 0; i < node.children().size(); ++i)
        createItem(node.children().at(i), item, label + QLatin1Char('.') + QString::number(i + 1));
    return item;
}

FilterBuilderWidget::Path FilterBuilderWidget::currentPath() const
{
    Path path;
    for (QTreeWidgetItem *item = m_tree->currentItem(); item; item = item->parent()) {
        const int index =
            item->parent() ? item->parent()->indexOfChild(item) : m_tree->indexOfTopLevelItem(item);
        path.prepend(index);
    }
    return path;
}

QTreeWidgetItem *FilterBuilderWidget::itemAt(const Path &path) const
{
    QTreeWidgetItem *item = nullptr;
    for (int index : path) {
        item = item ? item->child(index) : m_tree->topLevelItem(index);
        if (!item)
            return nullptr;
    }
    return item;
}

void FilterBuilderWidget::focusItem(QTreeWidgetItem *item)
{
    QWidget *widget = m_tree->itemWidget(item, 0);
    if (auto *group = qobject_cast<FilterGroupRow *>(widget))
        group->focusFirst();
    else if (auto *condition = qobject_cast<FilterConditionRow *>(widget))
        condition->focusFirst();
}

void FilterBuilderWidget::handleFocusChanged(QWidget *now)
{
    // Focus inside a row makes that row current, so the buttons act on what is being edited.
    QWidget *viewport = m_tree->viewport();
    QWidget *row = now;
    while (row && row->parentWidget() != viewport)
        row = row->parentWidget();
    if (!row)
        return;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if (m_tree->itemWidget(*it, 0) == row) {
            if (m_tree->currentItem() != *it)
                m_tree->setCurrentItem(*it);
            return;
        }
    }
}

void FilterBuilderWidget::updateButtons()
{
    const Path current = currentPath();
    const bool has = !current.isEmpty();
    int siblings = 0;
    if (has) {
        QTreeWidgetItem *item = m_tree->currentItem();
        siblings = item->parent() ? item->parent()->childCount() : m_tree->topLevelItemCount();
    }
    m_remove->defaultAction()->setEnabled(has);
    m_moveUp->defaultAction()->setEnabled(has && current.last() > 0);
    m_moveDown->defaultAction()->setEnabled(has && current.last() + 1 < siblings);
    m_indent->defaultAction()->setEnabled(has && current.size() < Filter::MaxDepth - 1);
    m_outdent->defaultAction()->setEnabled(current.size() >= 2);
    m_emptyHint->setVisible(m_tree->topLevelItemCount() == 0);
    // Mark the current row: item widgets cover the tree's own selection highlight.
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QWidget *row = m_tree->itemWidget(*it, 0);
        if (!row)
            continue;
        const bool isCurrent = *it == m_tree->currentItem();
        row->setAutoFillBackground(isCurrent);
        if (isCurrent) {
            QPalette palette = row->palette();
            palette.setColor(QPalette::Window, Theme::currentRowBackground(palette));
            row->setPalette(palette);
        }
    }
}

void FilterBuilderWidget::updateFieldModel()
{
    QList<TopicField> merged = TopicCatalogue::fields(m_topic);
    for (const TopicField &live : m_liveFields) {
        auto it = std::find_if(merged.begin(), merged.end(),
                               [&live](const TopicField &f) { return f.path == live.path; });
        if (it == merged.end()) {
            merged.append(live);
        } else {
            if (live.type != FieldType::Unknown)
                it->type = live.type;
            it->presence = live.presence;
        }
    }

    // Replacing the shared model's rows would reset every field box's text: keep it.
    QList<FilterConditionRow *> rows = m_tree->findChildren<FilterConditionRow *>();
    for (FilterConditionRow *row : rows)
        row->fieldBox()->blockSignals(true);
    m_fields->clear();
    for (const TopicField &field : merged) {
        auto *item = new QStandardItem(field.path);
        item->setData(int(field.type), FilterConditionRow::FieldTypeRole);
        const QString type = TopicCatalogue::fieldTypeName(field.type);
        item->setToolTip(field.presence >= 0 ? tr("%1, seen in %2% of received messages")
                                                   .arg(type)
                                                   .arg(qRound(field.presence * 100))
                                             : tr("%1, documented for %2").arg(type, m_topic));
        m_fields->appendRow(item);
    }
    for (FilterConditionRow *row : rows) {
        row->restoreFieldText();
        row->fieldBox()->blockSignals(false);
    }
}

void FilterBuilderWidget::emitChanged()
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if (auto *group = qobject_cast<FilterGroupRow *>(m_tree->itemWidget(*it, 0)))
            group->setChildCount((*it)->childCount());
    }
    emit filterChanged(filter());
}

} // namespace allium
