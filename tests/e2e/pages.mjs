// Page objects: one per screen, found by role and label, as a person finds things.

/** What every screen has: the bottom navigation and the title. */
export class Shell {
  constructor(page) {
    this.page = page;
    this.nav = page.getByRole('navigation');
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
    return this.page.getByRole('textbox');
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
