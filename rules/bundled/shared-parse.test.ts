import { describe, expect, it, vi } from 'vitest';
import { parseSharedIn, sharingRealm } from './shared-parse';

/** A frame's isolated-world global as another frame sees it: its own JSON, Map and Array. */
function frame(parent?: object): Record<string, unknown> {
  const self: Record<string, unknown> = { JSON: { parse: vi.fn(JSON.parse) }, Map, Array };
  self.parent = parent ?? self;
  return self;
}

const TEXT = '{"phrasesByFirst":[["zopiclone",[]]],"nameTokens":["zopiclone"]}';

describe('bundled data parsed once for the frames of a page', () => {
  it('hands a second frame the value the first parsed, parsed by the top frame', () => {
    const top = frame();
    const first = parseSharedIn(sharingRealm(frame(top)));
    const second = parseSharedIn(sharingRealm(frame(frame(top))));
    const a = first('compiled', TEXT);
    const b = second('compiled', TEXT);
    expect(b).toBe(a);
    expect(a).toEqual(JSON.parse(TEXT));
    expect((top.JSON as { parse: ReturnType<typeof vi.fn> }).parse).toHaveBeenCalledTimes(1);
  });

  it('never hands out a value parsed from other text (a script left from an older version)', () => {
    const top = frame();
    const older = parseSharedIn(sharingRealm(frame(top)));
    const newer = parseSharedIn(sharingRealm(frame(top)));
    older('compiled', '{"v":1}');
    expect(newer('compiled', '{"v":2}')).toEqual({ v: 2 });
    expect(older('compiled', '{"v":1}')).toEqual({ v: 1 });
  });

  it('shares with the highest frame it can reach, below a cross-origin one', () => {
    const crossOrigin = {
      get JSON(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    const middle = frame(crossOrigin);
    const a = parseSharedIn(sharingRealm(frame(middle)))('compiled', TEXT);
    const b = parseSharedIn(sharingRealm(frame(middle)))('compiled', TEXT);
    expect(b).toBe(a);
    expect(middle.__plensSharedParts).toBeInstanceOf(Map);
  });

  it('does not share in Firefox, where other frames are seen through Xray wrappers', () => {
    const top = frame();
    const firefoxFrame = { ...frame(top), cloneInto: () => undefined };
    expect(sharingRealm(firefoxFrame)).toBeNull();
    const parse = parseSharedIn(sharingRealm(firefoxFrame));
    expect(parse('compiled', TEXT)).not.toBe(parse('compiled', TEXT));
  });

  it('parses for itself when what it finds under the shared name is not its table', () => {
    const top = frame();
    top.__plensSharedParts = { get: () => ['x', 'not this'] };
    const value = parseSharedIn(sharingRealm(frame(top)))('compiled', TEXT);
    expect(value).toEqual(JSON.parse(TEXT));
  });
});
