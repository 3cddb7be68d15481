// Page objects: one per screen, found by role and label, as a person finds things.

/** What every screen has: the bottom navigation and the title. */
export class Shell {
  constructor(page) {
    this.page = page;
    // The bottom navigation (a form has a jump bar, another navigation, of its own).
    this.nav = page.getByRole('navigation', { name: /^(主导航|Main navigation)$/ });
  }

  async open(base, path = '/') {
    await this.page.goto(base + path);
    await this.nav.waitFor();
  }

  /** Taps a destination of the bottom navigation by its visible name. */
  async go(name) {
    await this.nav.getByRole('link', { name }).click();
  }

  title() {
    return this.page.getByRole('heading', { level: 1 });
  }
}

export class SettingsScreen extends Shell {
  language(name) {
    return this.page.getByRole('radio', { name });
  }

  surveyor() {
    return this.page.getByRole('textbox', { name: /调研人姓名|Surveyor's name/ });
  }
}

export class UpdateBanner {
  constructor(page) {
    this.page = page;
    this.box = page.getByRole('status').filter({ hasText: /新版本|new version/ });
  }

  updateNow() {
    return this.box.getByRole('button', { name: /立即更新|Update now/ });
  }
}

export class VillagesScreen extends Shell {
  async add() {
    await this.page.getByRole('button', { name: /新增村庄|New village/ }).click();
    await this.page.getByRole('link', { name: /返回村庄列表|Back to villages/ }).waitFor();
  }

  search() {
    return this.page.getByRole('searchbox');
  }

  /** The list's row for a village, found by its name. */
  row(name) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }
}

/** A survey form (village or organisation): fields by their labels, items by their headings. */
export class RecordForm {
  constructor(page) {
    this.page = page;
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Opens the folded section (a <details>) that holds `locator`, as a person taps its title. */
  async reveal(locator) {
    const folded = await locator.evaluate((el) => {
      const d = el.closest('details');
      return Boolean(d && !d.open);
    });
    if (folded) await locator.locator('xpath=ancestor::details[1]/summary').click();
  }

  /** Types into a field as a person does: key by key, after clearing it (opening its section). */
  async type(label, text) {
    const field = this.field(label);
    await this.reveal(field);
    await field.fill('');
    await field.pressSequentially(text);
  }

  item(title) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  /** Adds an item, types its description, and takes the suggested category. */
  async addItem(addLabel, title, description) {
    await this.page.getByRole('button', { name: addLabel }).click();
    const card = this.item(title);
    await card.getByLabel(/描述|Description/).pressSequentially(description);
    await card.getByRole('button', { name: /采用|Use it/ }).click();
    return card;
  }

  async delete(label) {
    await this.page.getByRole('button', { name: label }).click();
    await this.page.getByRole('button', { name: /^删除$|^Delete$/ }).click();
  }
}

export class OrganizationsScreen extends Shell {
  async add() {
    await this.page.getByRole('button', { name: /新增组织|New organisation/ }).click();
    await this.page.getByRole('link', { name: /返回组织列表|Back to organisations/ }).waitFor();
  }

  row(name) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }
}

export class DataScreen extends Shell {
  /** Taps `button` and resolves to the download it starts. */
  async download(button) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return download;
  }

  /** Picks a file for import, as the file chooser would. */
  async pick(file) {
    await this.page.getByLabel(/选择文件|Choose a file/).setInputFiles(file);
  }
}

/** The coordinator's screen: the plan, and a card per pairing with its stage. */
export class MatchesScreen extends Shell {
  /** The card of the pairing titled "village ← organisation". */
  pairing(title) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  stage(card) {
    return card.getByLabel(/^状态$|^Status$/);
  }

  /** What the stage select shows: the text of its selected option, as a person reads it. */
  shownStage(card) {
    return this.stage(card).evaluate((s) => s.selectedOptions[0]?.textContent ?? '');
  }
}
