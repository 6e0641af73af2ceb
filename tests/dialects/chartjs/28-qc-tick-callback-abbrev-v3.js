{
  type: 'bar',
  data: {
    labels: ['Q1', 'Q2', 'Q3', 'Q4'],
    datasets: [
      {
        label: 'Revenue',
        data: [50000, 60000, 70000, 1800000],
        backgroundColor: '#3300cc',
      },
    ],
  },
  options: {
    scales: {
      y: {
        ticks: {
          callback: (val) => {
            if (!val) return 0;
            const units = ['', 'K', 'M', 'B'];
            const k = 1000;
            const magnitude = Math.floor(Math.log(val) / Math.log(k));
            return (
              '$' + ' ' + val / Math.pow(k, magnitude) + ' ' + units[magnitude]
            );
          },
        },
      },
    },
  },
}
