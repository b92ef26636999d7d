import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { PracticeProfile } from './PracticeProfile';
import type { ServiceChoice } from './types';

const services: ServiceChoice[] = [
  { id: 'shared-care-les', name: 'Shared care local enhanced service', commissioner: 'the ICB' },
  { id: 'stop-smoking', name: 'Stop smoking service', commissioner: 'the local authority' },
];

describe('PracticeProfile', () => {
  test('not set: says so, offers all 42 ICBs and the packs’ services', () => {
    render(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet' }}
        locks={{}}
        services={services}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByTestId('plens-practice-not-set')).toBeTruthy();
    const select = screen.getByLabelText('Integrated care board (ICB)');
    expect(select.querySelectorAll('option')).toHaveLength(43);
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
  });

  test('choosing an ICB and a service sets the profile', () => {
    const onChange = vi.fn();
    render(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet' }}
        locks={{}}
        services={services}
        onChange={onChange}
      />,
    );
    fireEvent.click(screen.getByLabelText(/Stop smoking service/));
    expect(onChange).toHaveBeenLastCalledWith({
      commissionedFlags: 'quiet',
      practice: { icb: null, services: ['stop-smoking'] },
    });
  });

  test('a profile set by policy is shown locked', () => {
    render(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet', practice: { icb: 'devon', services: [] } }}
        locks={{ practice: { icb: 'north-central-london', services: ['stop-smoking'] } }}
        services={services}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByTestId('plens-practice-locked')).toBeTruthy();
    const select = screen.getByLabelText<HTMLSelectElement>('Integrated care board (ICB)');
    expect(select.disabled).toBe(true);
    expect(select.value).toBe('north-central-london');
    expect(screen.getByLabelText<HTMLInputElement>(/Stop smoking service/).checked).toBe(true);
    for (const box of screen.getAllByRole<HTMLInputElement>('checkbox'))
      expect(box.disabled).toBe(true);
  });

  test('an ICB with several places offers them; choosing one sets it; changing ICB clears it', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet', practice: { icb: 'devon', services: [] } }}
        locks={{}}
        services={services}
        onChange={onChange}
      />,
    );
    // NHS Devon ICB has one sub-ICB location: nothing to choose.
    expect(screen.queryByLabelText('Place (sub-ICB location)')).toBeNull();
    const sussex = { icb: 'sussex', services: ['stop-smoking'] } as const;
    rerender(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet', practice: sussex }}
        locks={{}}
        services={services}
        onChange={onChange}
      />,
    );
    const place = screen.getByLabelText<HTMLSelectElement>('Place (sub-ICB location)');
    expect([...place.options].map((o) => o.text)).toEqual([
      'Not chosen',
      'NHS Sussex ICB - 09D',
      'NHS Sussex ICB - 70F',
      'NHS Sussex ICB - 97R',
    ]);
    fireEvent.change(place, { target: { value: '09D' } });
    expect(onChange).toHaveBeenLastCalledWith({
      commissionedFlags: 'quiet',
      practice: { ...sussex, place: '09D' },
    });
    rerender(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet', practice: { ...sussex, place: '09D' } }}
        locks={{}}
        services={services}
        onChange={onChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Integrated care board (ICB)'), {
      target: { value: 'kent-medway' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      commissionedFlags: 'quiet',
      practice: { icb: 'kent-medway', services: ['stop-smoking'] },
    });
  });

  test('a place set by policy is shown locked', () => {
    render(
      <PracticeProfile
        value={{ commissionedFlags: 'quiet' }}
        locks={{ practice: { icb: 'sussex', services: [], place: '97R' } }}
        services={services}
        onChange={() => undefined}
      />,
    );
    const place = screen.getByLabelText<HTMLSelectElement>('Place (sub-ICB location)');
    expect(place.disabled).toBe(true);
    expect(place.value).toBe('97R');
  });

  test('is accessible', async () => {
    const { container } = render(
      <PracticeProfile
        value={{ commissionedFlags: 'hidden', practice: { icb: 'devon', services: ['gone'] } }}
        locks={{}}
        services={services}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByTestId('plens-practice-unknown').textContent).toMatch(/gone/);
    expect(await axeViolations(container)).toEqual([]);
  });
});
