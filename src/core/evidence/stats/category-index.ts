/**
 * Numbers for the few values of a category (grades, races, genders), in order of first
 * sight. A linear scan over a short list beats hashing when a category has a handful of
 * values and is looked up once per student per regression; past 32 values it switches to
 * a map.
 */
export class CategoryIndex {
  readonly values: string[] = [];
  private map: Map<string, number> | null = null;

  /** The value's number, assigning the next one to a new value. */
  indexOf(value: string): number {
    if (this.map !== null) {
      const known = this.map.get(value);
      if (known !== undefined) return known;
    } else {
      const values = this.values;
      for (let i = 0; i < values.length; i++) if (values[i] === value) return i;
    }
    this.values.push(value);
    const index = this.values.length - 1;
    if (this.map !== null) this.map.set(value, index);
    else if (this.values.length > 32) this.map = new Map(this.values.map((v, i) => [v, i]));
    return index;
  }
}
